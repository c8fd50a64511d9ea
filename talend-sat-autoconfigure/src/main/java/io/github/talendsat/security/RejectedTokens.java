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
package io.github.talendsat.security;

import java.util.Map;

import org.springframework.security.oauth2.client.ClientAuthorizationException;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2AuthorizationException;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;

import io.github.talendsat.account.TalendServiceAccount;

/**
 * Drops the token of an account when Spring Security reports that the API rejected it.
 * The report names the registration, not the token, so the token the account holds now is
 * dropped; the cache keeps a replacement that the API rejects again for a while, so that
 * a report that arrives after a renewal cannot turn into a storm of requests.
 *
 * @author talend-sat
 */
final class RejectedTokens {

	private RejectedTokens() {
	}

	static void drop(Map<String, TalendServiceAccount> accounts, OAuth2AuthorizationException exception) {
		if (!(exception instanceof ClientAuthorizationException clientException)
				|| !OAuth2ErrorCodes.INVALID_TOKEN.equals(exception.getError().getErrorCode())) {
			return;
		}
		TalendServiceAccount account = accounts.get(clientException.getClientRegistrationId());
		OAuth2AccessToken current = (account != null) ? account.getTokenCache().peek() : null;
		if (current != null) {
			account.getTokenCache().invalidate(current);
		}
	}

}
