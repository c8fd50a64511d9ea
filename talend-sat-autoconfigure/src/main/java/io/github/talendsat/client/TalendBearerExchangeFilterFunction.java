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

import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.util.Assert;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.ExchangeFunction;

import io.github.talendsat.account.TalendServiceAccount;
import io.github.talendsat.cache.TalendTokenCache;

/**
 * Attaches a service account's token to {@code WebClient} requests to the account's API,
 * and to no other host, without blocking. When the API answers 401 to a token that the
 * cache still held, the token is dropped, a fresh one obtained and the request sent once
 * more, body included: what the body wrote is kept until the exchange is over, so that a
 * body that can be read only once is sent again too. A second 401 goes back to the
 * caller.
 *
 * @author talend-sat
 * @since 0.1.0
 */
public final class TalendBearerExchangeFilterFunction implements ExchangeFilterFunction {

	private final TalendServiceAccount account;

	private final TalendTokenCache tokenCache;

	/**
	 * Create a filter for the given account.
	 * @param account the account whose token is attached
	 */
	public TalendBearerExchangeFilterFunction(TalendServiceAccount account) {
		Assert.notNull(account, "account cannot be null");
		this.account = account;
		this.tokenCache = account.getTokenCache();
	}

	@Override
	public Mono<ClientResponse> filter(ClientRequest request, ExchangeFunction next) {
		if (!this.account.isApiRequest(request.url())) {
			return next.exchange(request);
		}
		RecordedBody body = new RecordedBody();
		return token().flatMap((token) -> next.exchange(withToken(body.record(request), token))
			.flatMap((response) -> retryIfRejected(body.replay(request), next, token, response)));
	}

	private Mono<ClientResponse> retryIfRejected(ClientRequest request, ExchangeFunction next, OAuth2AccessToken token,
			ClientResponse response) {
		if (!HttpStatus.UNAUTHORIZED.isSameCodeAs(response.statusCode())) {
			return Mono.just(response);
		}
		return response.releaseBody()
			.then(Mono.fromRunnable(() -> this.tokenCache.invalidate(token)))
			.then(token())
			.flatMap((fresh) -> next.exchange(withToken(request, fresh)));
	}

	private Mono<OAuth2AccessToken> token() {
		return Mono.fromFuture(this.tokenCache::getTokenAsync, true);
	}

	private static ClientRequest withToken(ClientRequest request, OAuth2AccessToken token) {
		return ClientRequest.from(request).headers((headers) -> headers.setBearerAuth(token.getTokenValue())).build();
	}

}
