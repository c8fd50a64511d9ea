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
package io.github.talendsat.token;

import reactor.core.publisher.Mono;

import org.springframework.security.oauth2.client.endpoint.OAuth2ClientCredentialsGrantRequest;
import org.springframework.security.oauth2.client.endpoint.ReactiveOAuth2AccessTokenResponseClient;
import org.springframework.security.oauth2.core.endpoint.OAuth2AccessTokenResponse;
import org.springframework.util.Assert;

/**
 * The reactive twin of {@link TalendTokenClient}: the same Talend request, delivered as a
 * {@link Mono} that never blocks the subscribing thread.
 *
 * @author talend-sat
 * @since 0.1.0
 */
public final class ReactiveTalendTokenClient
		implements ReactiveOAuth2AccessTokenResponseClient<OAuth2ClientCredentialsGrantRequest> {

	private final TalendTokenClient delegate;

	/**
	 * Create a reactive client that sends its requests through the given client.
	 * @param delegate the client that sends the request
	 */
	public ReactiveTalendTokenClient(TalendTokenClient delegate) {
		Assert.notNull(delegate, "delegate cannot be null");
		this.delegate = delegate;
	}

	@Override
	public Mono<OAuth2AccessTokenResponse> getTokenResponse(OAuth2ClientCredentialsGrantRequest grantRequest) {
		return Mono.fromFuture(() -> this.delegate.getTokenResponseAsync(grantRequest), true);
	}

}
