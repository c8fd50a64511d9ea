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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * An HTTP answer computed by the emulator, independent of the server that sends it.
 */
final class Answer {

	private static final String JSON = "application/json";

	private final int status;

	private final Map<String, String> headers;

	private final byte[] body;

	private Answer(int status, Map<String, String> headers, byte[] body) {
		this.status = status;
		this.headers = headers;
		this.body = body;
	}

	static Answer raw(int status, @Nullable String contentType, @Nullable String body) {
		Map<String, String> headers = new LinkedHashMap<>();
		if (contentType != null) {
			headers.put("Content-Type", contentType);
		}
		byte[] bytes = (body != null) ? body.getBytes(StandardCharsets.UTF_8) : new byte[0];
		return new Answer(status, headers, bytes);
	}

	static Answer json(int status, Map<String, ?> object) {
		return raw(status, JSON, Json.write(object));
	}

	static Answer json(int status, List<?> array) {
		return raw(status, JSON, Json.write(array));
	}

	/**
	 * An error in the shape that Talend's APIs use, such as
	 * {@code {"status":401,"message":"Unauthorized"}}.
	 */
	static Answer error(int status, String message) {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("status", status);
		body.put("message", message);
		return json(status, body);
	}

	static Answer methodNotAllowed(String allowed) {
		return error(405, "Method Not Allowed").withHeader("Allow", allowed);
	}

	static Answer notFound() {
		return error(404, "Not Found");
	}

	/**
	 * The answer to an API call without a bearer token. RFC 6750 section 3.1 asks for no
	 * error code in the challenge when the request carries no credentials at all.
	 */
	static Answer missingToken() {
		return error(401, "Bearer token is invalid or missing").withHeader("WWW-Authenticate", "Bearer");
	}

	static Answer invalidToken() {
		return error(401, "Bearer token is invalid or missing").withHeader("WWW-Authenticate",
				"Bearer error=\"invalid_token\"");
	}

	/**
	 * The answer to a request that was held when the emulator stopped.
	 */
	static Answer stopped() {
		return error(503, "Service Unavailable");
	}

	Answer withHeader(String name, String value) {
		Map<String, String> headers = new LinkedHashMap<>(this.headers);
		headers.put(name, value);
		return new Answer(this.status, headers, this.body);
	}

	int status() {
		return this.status;
	}

	Map<String, String> headers() {
		return this.headers;
	}

	byte[] body() {
		return this.body;
	}

}
