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
package io.github.talendsat.sample;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;
import org.springframework.web.service.annotation.PostExchange;

/**
 * The Talend Cloud calls the workflow makes. {@link TalendSampleApplication} imports it
 * into the {@code talend} HTTP service group, which talend-sat bases at the service
 * account's API and authenticates with the account's token, so its paths are relative and
 * it says nothing about tokens.
 *
 * @author talend-sat
 */
@HttpExchange(accept = MediaType.APPLICATION_JSON_VALUE)
interface TalendCloudApi {

	@GetExchange("/orchestration/workspaces")
	@Nullable List<Workspace> listWorkspaces(@RequestParam String query);

	@GetExchange("/orchestration/executables/tasks")
	@Nullable TaskPage listTasks(@RequestParam String workspaceId, @RequestParam int limit, @RequestParam int offset);

	@PostExchange("/processing/executions")
	@Nullable ExecutionStarted runTask(@RequestBody ExecutionRequest request);

	@GetExchange("/processing/executions/{executionId}")
	@Nullable Execution execution(@PathVariable String executionId);

}
