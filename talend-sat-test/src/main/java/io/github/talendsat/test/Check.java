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

import org.jspecify.annotations.Nullable;

/**
 * Argument checks for the public entry points, with one message shape:
 * {@code "<name> must
 * <rule>"}.
 */
final class Check {

	private Check() {
	}

	static <T> T notNull(@Nullable T value, String name) {
		if (value == null) {
			throw new IllegalArgumentException(name + " must not be null");
		}
		return value;
	}

	static String notEmpty(@Nullable String value, String name) {
		if (notNull(value, name).isEmpty()) {
			throw new IllegalArgumentException(name + " must not be empty");
		}
		return value;
	}

	static void argument(boolean valid, String message) {
		if (!valid) {
			throw new IllegalArgumentException(message);
		}
	}

}
