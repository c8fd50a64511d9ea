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
 * The emulator's own base URL, which is known only once the server has bound its port.
 */
final class Origin {

	static final String HOST = "127.0.0.1";

	private volatile int port;

	void port(int port) {
		this.port = port;
	}

	int port() {
		return this.port;
	}

	String baseUrl() {
		return "http://" + HOST + ":" + this.port;
	}

	/**
	 * Whether a token request's {@code audience} names this emulator. Talend wants the
	 * API base URL of the region, without a trailing slash; on loopback both spellings of
	 * the host name that base URL.
	 */
	boolean isAudience(@Nullable Object audience) {
		return baseUrl().equals(audience) || ("http://localhost:" + this.port).equals(audience);
	}

}
