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

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Checks the body of {@code POST /processing/executions}: {@code {"executable":"<task
 * id>","logLevel":"WARN"}} with optional {@code parameters} (an object of strings) and
 * {@code timeout} (a number).
 */
final class ExecutionRequest {

	private ExecutionRequest() {
	}

	static @Nullable String problem(Map<String, Object> body) {
		if (!(body.get("executable") instanceof String executable) || executable.isBlank()) {
			return "executable is required";
		}
		if (body.containsKey("logLevel") && !(body.get("logLevel") instanceof String)) {
			return "logLevel must be a string";
		}
		if (body.containsKey("timeout") && !(body.get("timeout") instanceof Number)) {
			return "timeout must be a number";
		}
		Object parameters = body.get("parameters");
		if (body.containsKey("parameters") && !isStringMap(parameters)) {
			return "parameters must be an object of strings";
		}
		return null;
	}

	private static boolean isStringMap(@Nullable Object value) {
		return value instanceof Map && ((Map<?, ?>) value).values().stream().allMatch(String.class::isInstance);
	}

}
