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

import reactor.core.publisher.Mono;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;
import org.springframework.web.service.annotation.PostExchange;

import io.github.talendsat.client.TalendTasks.Execution;
import io.github.talendsat.client.TalendTasks.ExecutionStarted;
import io.github.talendsat.client.TalendTasks.Run;
import io.github.talendsat.client.TalendTasks.Workspace;

/**
 * The calls of {@link TalendTasks}, answered without blocking.
 *
 * @author talend-sat
 */
@HttpExchange(accept = MediaType.APPLICATION_JSON_VALUE)
interface ReactiveTalendTasks {

	@GetExchange("/orchestration/workspaces")
	Mono<List<Workspace>> listWorkspaces(@RequestParam String query);

	@PostExchange("/processing/executions")
	Mono<ExecutionStarted> runTask(@RequestBody Run run);

	@GetExchange("/processing/executions/{executionId}")
	Mono<Execution> execution(@PathVariable String executionId);

	@GetExchange
	Mono<String> fetch(URI url);

}
