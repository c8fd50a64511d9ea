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
package io.github.talendsat.observability;

import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.util.Assert;

import io.github.talendsat.cache.TokenSource;
import io.github.talendsat.token.TalendTokenException;

/**
 * Wraps each token request of an account in an {@link Observation} named
 * {@value #OBSERVATION_NAME}, so that tracing shows it and, with Micrometer's meter
 * handler, a timer counts requests by account and outcome. Its only key values are the
 * account's name and the outcome: {@code success} or the lower-case
 * {@link TalendTokenException.Reason}.
 *
 * @author talend-sat
 * @since 0.1.0
 */
public final class ObservedTokenSource implements TokenSource {

	/**
	 * Name of the observation, and of the timer Micrometer derives from it.
	 */
	public static final String OBSERVATION_NAME = "talend.token.request";

	static final String ACCOUNT_KEY = "talend.account";

	static final String OUTCOME_KEY = "outcome";

	private final TokenSource delegate;

	private final ObservationRegistry registry;

	private final String accountName;

	/**
	 * Create a source that observes the requests of the given one.
	 * @param delegate the source that sends the token request
	 * @param registry where observations are reported
	 * @param accountName the account's name, used as a key value
	 */
	public ObservedTokenSource(TokenSource delegate, ObservationRegistry registry, String accountName) {
		Assert.notNull(delegate, "delegate cannot be null");
		Assert.notNull(registry, "registry cannot be null");
		Assert.hasText(accountName, "accountName cannot be empty");
		this.delegate = delegate;
		this.registry = registry;
		this.accountName = accountName;
	}

	@Override
	public CompletableFuture<OAuth2AccessToken> requestToken() {
		Observation observation = Observation.createNotStarted(OBSERVATION_NAME, this.registry)
			.contextualName("talend token request")
			.lowCardinalityKeyValue(ACCOUNT_KEY, this.accountName)
			.start();
		CompletableFuture<OAuth2AccessToken> request;
		try {
			request = this.delegate.requestToken();
		}
		catch (RuntimeException ex) {
			request = CompletableFuture.failedFuture(ex);
		}
		return request.whenComplete((token, error) -> {
			if (error != null) {
				Throwable cause = (error instanceof CompletionException && error.getCause() != null) ? error.getCause()
						: error;
				observation.lowCardinalityKeyValue(OUTCOME_KEY, outcome(cause));
				observation.error(cause);
			}
			else {
				observation.lowCardinalityKeyValue(OUTCOME_KEY, "success");
			}
			observation.stop();
		});
	}

	static String outcome(Throwable error) {
		if (error instanceof TalendTokenException tokenError) {
			return tokenError.getReason().name().toLowerCase(Locale.ROOT);
		}
		return "unknown";
	}

}
