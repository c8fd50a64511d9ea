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
import java.security.MessageDigest;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.talendsat.test.TalendCloudEmulator.Account;
import org.jspecify.annotations.Nullable;

/**
 * The service accounts the emulator knows, keyed by client id.
 */
final class Accounts {

	private final Map<String, Account> byClientId = new ConcurrentHashMap<>();

	void add(Account account) {
		this.byClientId.put(account.clientId(), account);
	}

	void remove(String clientId) {
		this.byClientId.remove(clientId);
	}

	@Nullable Account find(String clientId) {
		return this.byClientId.get(clientId);
	}

	/**
	 * Find the account whose id and secret match the given credentials exactly.
	 * @param credentials the decoded credentials, or {@code null}
	 * @return the account, or {@code null} if the credentials are missing or wrong
	 */
	@Nullable Account authenticate(@Nullable BasicCredentials credentials) {
		if (credentials == null) {
			return null;
		}
		Account account = this.byClientId.get(credentials.clientId());
		if (account == null || !sameSecret(account.clientSecret(), credentials.clientSecret())) {
			return null;
		}
		return account;
	}

	private static boolean sameSecret(String expected, String actual) {
		return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
				actual.getBytes(StandardCharsets.UTF_8));
	}

}
