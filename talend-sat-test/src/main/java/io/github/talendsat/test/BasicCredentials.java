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
import java.util.Base64;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * The client id and secret of a {@code Basic} authorization header, decoded the way
 * Talend does: Base64 of the UTF-8 bytes of {@code id:secret}, split at the first colon,
 * with no form-decoding afterwards. A client that form-encodes the pair first, as RFC
 * 6749 section 2.3.1 asks, therefore fails here whenever the secret holds a character
 * that form-encoding changes.
 */
final class BasicCredentials {

	private static final String SCHEME = "basic ";

	private final String clientId;

	private final String clientSecret;

	private BasicCredentials(String clientId, String clientSecret) {
		this.clientId = clientId;
		this.clientSecret = clientSecret;
	}

	/**
	 * Decode the {@code Authorization} header values of a request.
	 * @param authorization every value of the header
	 * @return the credentials, or {@code null} if there is not exactly one well-formed
	 * {@code Basic} value
	 */
	static @Nullable BasicCredentials from(List<String> authorization) {
		if (authorization.size() != 1) {
			return null;
		}
		String value = authorization.get(0).trim();
		if (!value.toLowerCase(Locale.ROOT).startsWith(SCHEME)) {
			return null;
		}
		String pair = decode(value.substring(SCHEME.length()).trim());
		int colon = (pair != null) ? pair.indexOf(':') : -1;
		if (colon < 0) {
			return null;
		}
		return new BasicCredentials(pair.substring(0, colon), pair.substring(colon + 1));
	}

	private static @Nullable String decode(String base64) {
		try {
			return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	String clientId() {
		return this.clientId;
	}

	String clientSecret() {
		return this.clientSecret;
	}

	@Override
	public String toString() {
		return "BasicCredentials[clientId=" + this.clientId + "]";
	}

}
