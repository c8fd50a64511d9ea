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
package io.github.talendsat.client;

import java.io.IOException;

import org.springframework.http.HttpRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.util.Assert;

import io.github.talendsat.account.TalendServiceAccount;
import io.github.talendsat.cache.TalendTokenCache;

/**
 * Attaches a service account's token to {@code RestClient} requests to the account's API,
 * and to no other host. When the API answers 401 to a token that the cache still held,
 * the token is dropped, a fresh one obtained and the request sent once more, body
 * included; a second 401 goes back to the caller.
 *
 * @author talend-sat
 * @since 0.1.0
 */
public final class TalendBearerInterceptor implements ClientHttpRequestInterceptor {

	private final TalendServiceAccount account;

	private final TalendTokenCache tokenCache;

	/**
	 * Create an interceptor for the given account.
	 * @param account the account whose token is attached
	 */
	public TalendBearerInterceptor(TalendServiceAccount account) {
		Assert.notNull(account, "account cannot be null");
		this.account = account;
		this.tokenCache = account.getTokenCache();
	}

	@Override
	public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
			throws IOException {
		if (!this.account.isApiRequest(request.getURI())) {
			return execution.execute(request, body);
		}
		OAuth2AccessToken token = this.tokenCache.getToken();
		request.getHeaders().setBearerAuth(token.getTokenValue());
		ClientHttpResponse response = execution.execute(request, body);
		if (!HttpStatus.UNAUTHORIZED.isSameCodeAs(response.getStatusCode())) {
			return response;
		}
		response.close();
		this.tokenCache.invalidate(token);
		request.getHeaders().setBearerAuth(this.tokenCache.getToken().getTokenValue());
		return execution.execute(request, body);
	}

}
