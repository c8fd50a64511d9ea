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

import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * An execution, as described by {@code GET /processing/executions/{executionId}}.
 *
 * @param executionId the execution id
 * @param executionStatus the status, such as {@code executing} or
 * {@code execution_successful}
 * @author talend-sat
 */
record Execution(String executionId, @Nullable String executionStatus) {

	private static final Set<String> RUNNING = Set.of("dispatching", "executing");

	/**
	 * Return whether the execution has ended, successfully or not.
	 * @return whether the status is neither {@code dispatching} nor {@code executing}
	 */
	boolean hasEnded() {
		return this.executionStatus != null && !RUNNING.contains(this.executionStatus);
	}

	/**
	 * Return whether the execution has ended successfully.
	 * @return whether the status is {@code execution_successful}
	 */
	boolean isSuccessful() {
		return "execution_successful".equals(this.executionStatus);
	}

}
