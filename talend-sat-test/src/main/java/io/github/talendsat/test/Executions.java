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

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import io.github.talendsat.test.Catalog.Task;
import org.jspecify.annotations.Nullable;

/**
 * Task executions. Each status request moves an execution one step, from
 * {@code dispatching} to {@code executing} to {@code execution_successful}, so that a
 * client's polling is tested by counting instead of waiting.
 */
final class Executions {

	private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
		.withZone(ZoneOffset.UTC);

	private static final int PROCESSED_ROWS = 100;

	private final Map<String, Execution> byId = new ConcurrentHashMap<>();

	private final Clock clock;

	Executions(Clock clock) {
		this.clock = clock;
	}

	String start(Task task) {
		String id = UUID.randomUUID().toString();
		this.byId.put(id, new Execution(id, task));
		return id;
	}

	/**
	 * Advance an execution by one step and describe it.
	 * @param id the execution id
	 * @return the execution as Talend describes it, or {@code null} if the id is unknown
	 */
	@Nullable Map<String, Object> nextStatus(String id) {
		Execution execution = this.byId.get(id);
		return (execution != null) ? execution.advance(this.clock.instant()) : null;
	}

	void clear() {
		this.byId.clear();
	}

	private static final class Execution {

		private final String id;

		private final Task task;

		private int statusRequests;

		private @Nullable Instant started;

		private @Nullable Instant finished;

		Execution(String id, Task task) {
			this.id = id;
			this.task = task;
		}

		synchronized Map<String, Object> advance(Instant now) {
			this.statusRequests++;
			if (this.statusRequests >= 2 && this.started == null) {
				this.started = now;
			}
			if (this.statusRequests >= 3 && this.finished == null) {
				this.finished = now;
			}
			return describe();
		}

		private Map<String, Object> describe() {
			boolean done = this.finished != null;
			Map<String, Object> json = new LinkedHashMap<>();
			json.put("executionId", this.id);
			json.put("taskId", this.task.id());
			json.put("workspaceId", this.task.workspace().id());
			json.put("environmentId", this.task.workspace().environment().id());
			json.put("executionStatus", status());
			if (this.started != null) {
				json.put("startTimestamp", TIMESTAMP.format(this.started));
			}
			if (this.finished != null) {
				json.put("finishTimestamp", TIMESTAMP.format(this.finished));
			}
			json.put("numberOfProcessedRows", done ? PROCESSED_ROWS : 0);
			json.put("numberOfRejectedRows", 0);
			return json;
		}

		private String status() {
			if (this.finished != null) {
				return "execution_successful";
			}
			return (this.started != null) ? "executing" : "dispatching";
		}

	}

}
