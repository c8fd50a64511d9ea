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
package io.github.talendsat.autoconfigure;

import org.jspecify.annotations.Nullable;

/**
 * Thrown at startup when a {@code talend.service-account.*} property is missing or has a
 * value the starter cannot use. The message names the property and what it accepts; it
 * quotes the value only for properties that are not secret.
 *
 * @author talend-sat
 * @since 0.1.0
 */
public class InvalidTalendPropertyException extends IllegalStateException {

	private final String property;

	private final String reason;

	InvalidTalendPropertyException(String property, @Nullable Object value, String reason) {
		super(message(property, value, reason));
		this.property = property;
		this.reason = reason;
	}

	/**
	 * Return the full name of the property at fault.
	 * @return the property name
	 */
	public String getProperty() {
		return this.property;
	}

	/**
	 * Return what the property accepts.
	 * @return the reason
	 */
	public String getReason() {
		return this.reason;
	}

	private static String message(String property, @Nullable Object value, String reason) {
		if (value == null || property.endsWith("secret")) {
			return "Invalid configuration property '" + property + "': " + reason;
		}
		return "Invalid configuration property '" + property + "' (value '" + value + "'): " + reason;
	}

}
