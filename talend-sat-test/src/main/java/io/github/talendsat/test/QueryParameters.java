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

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The parameters of a raw query string; the first value of a repeated name wins.
 */
final class QueryParameters {

	private final Map<String, String> values = new HashMap<>();

	private QueryParameters() {
	}

	static QueryParameters parse(@Nullable String query) {
		QueryParameters parameters = new QueryParameters();
		if (query == null || query.isEmpty()) {
			return parameters;
		}
		for (String pair : query.split("&")) {
			int equals = pair.indexOf('=');
			String name = decode((equals < 0) ? pair : pair.substring(0, equals));
			String value = (equals < 0) ? "" : decode(pair.substring(equals + 1));
			parameters.values.putIfAbsent(name, value);
		}
		return parameters;
	}

	private static String decode(String text) {
		try {
			return URLDecoder.decode(text, StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			// A malformed escape is kept as sent; it then matches nothing.
			return text;
		}
	}

	@Nullable String get(String name) {
		return this.values.get(name);
	}

}
