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
package io.github.talendsat.benchmarks;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * What one implementation measured in one scenario, as ordered key-value pairs.
 *
 * @author talend-sat
 */
final class Result {

	static final String NOT_APPLICABLE = "n/a";

	private final String scenario;

	private final Implementation implementation;

	private final Map<String, String> values = new LinkedHashMap<>();

	Result(String scenario, Implementation implementation) {
		this.scenario = scenario;
		this.implementation = implementation;
	}

	String scenario() {
		return this.scenario;
	}

	Implementation implementation() {
		return this.implementation;
	}

	Map<String, String> values() {
		return this.values;
	}

	Result put(String key, long value) {
		this.values.put(key, Long.toString(value));
		return this;
	}

	Result put(String key, double value) {
		this.values.put(key, Double.isNaN(value) ? NOT_APPLICABLE : String.format(Locale.ROOT, "%.2f", value));
		return this;
	}

	Result put(String key, String value) {
		this.values.put(key, value);
		return this;
	}

	@Nullable String get(String key) {
		return this.values.get(key);
	}

	/**
	 * Return a measured number.
	 * @param key the key
	 * @return the number, or NaN if it is missing or not applicable
	 */
	double number(String key) {
		String value = this.values.get(key);
		if (value == null || NOT_APPLICABLE.equals(value)) {
			return Double.NaN;
		}
		return Double.parseDouble(value);
	}

	/**
	 * Return the machine-readable line:
	 * {@code RESULT scenario=... impl=... key=value...}.
	 * @return the line
	 */
	String line() {
		StringBuilder line = new StringBuilder("RESULT scenario=").append(this.scenario)
			.append(" impl=")
			.append(this.implementation.label());
		this.values.forEach((key, value) -> line.append(' ').append(key).append('=').append(value));
		return line.toString();
	}

}
