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
package io.github.talendsat.test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import io.github.talendsat.test.Catalog.Task;
import io.github.talendsat.test.Catalog.Workspace;
import io.github.talendsat.test.TalendCloudEmulator.Account;
import org.jspecify.annotations.Nullable;

/**
 * The Talend Cloud API calls a service account typically makes, for a caller whose token
 * was already checked.
 */
final class TalendApi {

	private static final String EXECUTIONS = "/processing/executions";

	private static final int DEFAULT_LIMIT = 100;

	private final Catalog catalog;

	private final Executions executions;

	private final Accounts accounts;

	TalendApi(Catalog catalog, Executions executions, Accounts accounts) {
		this.catalog = catalog;
		this.executions = executions;
		this.accounts = accounts;
	}

	Answer handle(RecordedRequest request, String clientId) {
		String path = request.path();
		switch (path) {
			case "/account/users":
				return isGet(request) ? Answer.json(200, this.catalog.users()) : Answer.methodNotAllowed("GET");
			case "/orchestration/workspaces":
				return isGet(request) ? workspaces(request) : Answer.methodNotAllowed("GET");
			case "/orchestration/executables/tasks":
				return isGet(request) ? tasks(request) : Answer.methodNotAllowed("GET");
			case EXECUTIONS:
				return "POST".equals(request.method()) ? execute(request, clientId) : Answer.methodNotAllowed("POST");
			default:
				return executionOrNotFound(request, path);
		}
	}

	private static boolean isGet(RecordedRequest request) {
		return "GET".equals(request.method());
	}

	private Answer workspaces(RecordedRequest request) {
		Predicate<Workspace> filter = WorkspaceQuery.parse(QueryParameters.parse(request.query()).get("query"));
		if (filter == null) {
			return Answer.error(400, "query is not a supported filter");
		}
		return Answer.json(200,
				this.catalog.workspaces().stream().filter(filter).map(Workspace::toJson).collect(Collectors.toList()));
	}

	private Answer tasks(RecordedRequest request) {
		QueryParameters parameters = QueryParameters.parse(request.query());
		Integer limit = number(parameters.get("limit"), DEFAULT_LIMIT);
		Integer offset = number(parameters.get("offset"), 0);
		if (limit == null || limit < 1) {
			return Answer.error(400, "limit must be a positive integer");
		}
		if (offset == null || offset < 0) {
			return Answer.error(400, "offset must be zero or a positive integer");
		}
		String workspaceId = parameters.get("workspaceId");
		List<Task> matching = this.catalog.tasks()
			.stream()
			.filter((task) -> workspaceId == null || workspaceId.isEmpty() || task.workspace().id().equals(workspaceId))
			.collect(Collectors.toList());
		Map<String, Object> page = new LinkedHashMap<>();
		page.put("items", matching.stream().skip(offset).limit(limit).map(Task::toJson).collect(Collectors.toList()));
		page.put("limit", limit);
		page.put("offset", offset);
		page.put("total", matching.size());
		return Answer.json(200, page);
	}

	private static @Nullable Integer number(@Nullable String value, int fallback) {
		if (value == null || value.isEmpty()) {
			return fallback;
		}
		try {
			return Integer.valueOf(value);
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	private Answer execute(RecordedRequest request, String clientId) {
		if (!Json.isJsonContentType(request.header("Content-Type"))) {
			return Answer.error(400, "Content-Type must be application/json");
		}
		Map<String, Object> body = Json.parseObject(request.bodyAsString());
		String problem = (body != null) ? ExecutionRequest.problem(body) : "Request body must be a JSON object";
		if (problem != null) {
			return Answer.error(400, problem);
		}
		Task task = this.catalog.task((String) body.get("executable"));
		if (task == null) {
			return Answer.error(404, "Executable not found");
		}
		Account account = this.accounts.find(clientId);
		if (account == null || !account.canExecute()) {
			return Answer.error(403, "Forbidden");
		}
		return Answer.json(201, Map.of("executionId", this.executions.start(task)));
	}

	private Answer executionOrNotFound(RecordedRequest request, String path) {
		String id = path.startsWith(EXECUTIONS + "/") ? path.substring(EXECUTIONS.length() + 1) : "";
		if (id.isEmpty() || id.contains("/")) {
			return Answer.notFound();
		}
		if (!isGet(request)) {
			return Answer.methodNotAllowed("GET");
		}
		Map<String, Object> execution = this.executions.nextStatus(id);
		return (execution != null) ? Answer.json(200, execution) : Answer.error(404, "Execution not found");
	}

}
