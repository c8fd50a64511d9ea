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
package io.github.talendsat.autoconfigure;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.security.oauth2.core.OAuth2AccessToken;

import io.github.talendsat.account.TalendServiceAccount;
import io.github.talendsat.cache.TalendTokenCache;
import io.github.talendsat.token.TalendTokenException;

/**
 * Health of one service account: up while it holds a usable token or can obtain one. It
 * asks the account's token cache, so that a health check shares the cache's single token
 * request and its backoff: checks never send more token requests than the application's
 * own calls would, and during a backoff they report the last error at once. An account
 * whose last token request succeeded and that holds no token because no call has needed
 * one since is up without a new request: a check that fetched a token there would also
 * start its renewal ahead of expiry, so that polling would keep an idle account asking
 * for tokens. Its details name the account, its client id and API, never a token or a
 * secret.
 *
 * @author talend-sat
 */
final class TalendHealthIndicator implements HealthIndicator {

	private final TalendServiceAccount account;

	private final Duration tokenWait;

	/**
	 * Create an indicator for the given account.
	 * @param account the account
	 * @param tokenWait how long a check waits for a token when none is held
	 */
	TalendHealthIndicator(TalendServiceAccount account, Duration tokenWait) {
		this.account = account;
		this.tokenWait = tokenWait;
	}

	@Override
	public Health health() {
		Health.Builder builder = Health.unknown()
			.withDetail("account", this.account.getName())
			.withDetail("clientId", this.account.getClientRegistration().getClientId())
			.withDetail("apiBaseUrl", this.account.getApiBaseUrl().toString());
		TalendTokenCache cache = this.account.getTokenCache();
		OAuth2AccessToken token = cache.peek();
		if (token == null && cache.lastFailure() == null && cache.statistics().tokensObtained() > 0) {
			return builder.up().withDetail("token", "none held: the next call obtains one").build();
		}
		try {
			if (token == null) {
				token = cache.getTokenAsync().get(this.tokenWait.toMillis(), TimeUnit.MILLISECONDS);
			}
		}
		catch (ExecutionException ex) {
			return down(builder, ex.getCause());
		}
		catch (TimeoutException ex) {
			return down(builder, "timeout", "No Talend token within " + this.tokenWait.toMillis() + " ms");
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return down(builder, "timeout", "Interrupted while waiting for a Talend token");
		}
		if (token.getExpiresAt() != null) {
			builder.withDetail("tokenExpiresAt", token.getExpiresAt().toString());
		}
		return builder.up().build();
	}

	/**
	 * Only a {@link TalendTokenException} promises a message free of secrets; any other
	 * failure is named by its type alone.
	 */
	private static Health down(Health.Builder builder, Throwable error) {
		if (error instanceof TalendTokenException tokenError) {
			return down(builder, tokenError.getReason().name().toLowerCase(Locale.ROOT), tokenError.getMessage());
		}
		return down(builder, "unknown", error.getClass().getName());
	}

	private static Health down(Health.Builder builder, String reason, String error) {
		return builder.down().withDetail("reason", reason).withDetail("error", error).build();
	}

}
