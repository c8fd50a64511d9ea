/*
 * Copyright 2026 the talend-sat authors.
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *      https://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */
package io.github.talendsat.client;

import java.net.URI;
import java.util.List;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;
import org.springframework.web.service.annotation.PostExchange;

/**
 * A few Talend Cloud calls, as an application would declare them, with paths relative to
 * the API base URL.
 *
 * @author talend-sat
 */
@HttpExchange(accept = MediaType.APPLICATION_JSON_VALUE)
interface TalendTasks {

	@GetExchange("/orchestration/workspaces")
	List<Workspace> listWorkspaces(@RequestParam String query);

	@PostExchange("/processing/executions")
	ExecutionStarted runTask(@RequestBody Run run);

	@GetExchange("/processing/executions/{executionId}")
	Execution execution(@PathVariable String executionId);

	@GetExchange
	String fetch(URI url);

	record Workspace(String id, String name) {

	}

	record Run(String executable, String logLevel) {

	}

	record ExecutionStarted(String executionId) {

	}

	record Execution(String executionId, String executionStatus) {

	}

}
