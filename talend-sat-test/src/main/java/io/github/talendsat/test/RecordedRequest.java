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

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

/**
 * One HTTP request as the emulator received it: method, target, headers and raw body.
 * <p>
 * Header names are case-insensitive, as in HTTP. {@link #toString()} shows only the
 * method and the path, because the headers and the body of a token request carry the
 * client secret.
 *
 * @since 0.1.0
 */
public final class RecordedRequest {

	private final String method;

	private final String uri;

	private final Map<String, List<String>> headers;

	private final byte[] body;

	RecordedRequest(String method, String uri, Map<String, List<String>> headers, byte[] body) {
		this.method = method;
		this.uri = uri;
		this.headers = copyOf(headers);
		this.body = body.clone();
	}

	private static Map<String, List<String>> copyOf(Map<String, List<String>> headers) {
		Map<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
		headers.forEach((name, values) -> copy.computeIfAbsent(name, (key) -> new ArrayList<>()).addAll(values));
		copy.replaceAll((name, values) -> List.copyOf(values));
		return Collections.unmodifiableMap(copy);
	}

	/**
	 * Return the HTTP method, such as {@code POST}.
	 * @return the method
	 */
	public String method() {
		return this.method;
	}

	/**
	 * Return the request target as sent: the path and, if any, {@code ?} and the raw
	 * query.
	 * @return the path and query
	 */
	public String uri() {
		return this.uri;
	}

	/**
	 * Return the path of the request target, without the query.
	 * @return the path
	 */
	public String path() {
		int query = this.uri.indexOf('?');
		return (query < 0) ? this.uri : this.uri.substring(0, query);
	}

	/**
	 * Return the raw query of the request target, still percent-encoded.
	 * @return the query, or {@code null} if the target has none
	 */
	public @Nullable String query() {
		int query = this.uri.indexOf('?');
		return (query < 0) ? null : this.uri.substring(query + 1);
	}

	/**
	 * Return all headers, keyed by case-insensitive name, each with its values in the
	 * order received.
	 * @return an unmodifiable map of the headers
	 */
	public Map<String, List<String>> headers() {
		return this.headers;
	}

	/**
	 * Return the values of one header.
	 * @param name the header name, in any case
	 * @return the values in the order received, empty if the header is absent
	 */
	public List<String> headerValues(String name) {
		return this.headers.getOrDefault(name, List.of());
	}

	/**
	 * Return the first value of one header.
	 * @param name the header name, in any case
	 * @return the first value, or {@code null} if the header is absent
	 */
	public @Nullable String header(String name) {
		List<String> values = headerValues(name);
		return values.isEmpty() ? null : values.get(0);
	}

	/**
	 * Return the body bytes exactly as received.
	 * @return a copy of the body, empty if the request had none
	 */
	public byte[] body() {
		return this.body.clone();
	}

	/**
	 * Return the body decoded as UTF-8.
	 * @return the body text, empty if the request had none
	 */
	public String bodyAsString() {
		return new String(this.body, StandardCharsets.UTF_8);
	}

	@Override
	public String toString() {
		return this.method + " " + path();
	}

}
