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

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.util.Assert;

import io.github.talendsat.account.TalendServiceAccount;
import io.github.talendsat.cache.TalendTokenCache;

/**
 * Binds the token lifecycle meters of service accounts, each tagged with
 * {@code talend.account} and the account's name:
 * <ul>
 * <li>{@value #RENEWALS_METER}, a counter of token renewals by {@code trigger}:
 * {@code ahead} for a renewal started before the token's expiry, {@code rejected} for a
 * token dropped because the API answered 401 to it;</li>
 * <li>{@value #REMAINING_METER}, a gauge of the seconds left before the current token
 * expires, {@code 0} while no usable token is held.</li>
 * </ul>
 * The meters read the account's token cache when they are published and never start a
 * token request. Token requests themselves, by outcome and with their duration, are
 * measured by the {@link ObservedTokenSource} observation.
 *
 * @author talend-sat
 * @since 0.1.0
 */
public final class TalendTokenMeterBinder implements MeterBinder {

	/**
	 * Name of the counter of token renewals.
	 */
	public static final String RENEWALS_METER = "talend.token.renewals";

	/**
	 * Name of the gauge of the time left on the current token.
	 */
	public static final String REMAINING_METER = "talend.token.remaining";

	static final String TRIGGER_KEY = "trigger";

	private final List<TalendServiceAccount> accounts;

	private Clock clock = Clock.systemUTC();

	/**
	 * Create a binder for the given accounts.
	 * @param accounts the accounts whose meters to bind
	 */
	public TalendTokenMeterBinder(List<TalendServiceAccount> accounts) {
		Assert.notNull(accounts, "accounts cannot be null");
		this.accounts = List.copyOf(accounts);
	}

	/**
	 * Set the clock that the time left on a token is measured by. Default the system
	 * clock.
	 * @param clock the clock
	 */
	public void setClock(Clock clock) {
		Assert.notNull(clock, "clock cannot be null");
		this.clock = clock;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		for (TalendServiceAccount account : this.accounts) {
			bind(registry, account.getName(), account.getTokenCache());
		}
	}

	private void bind(MeterRegistry registry, String account, TalendTokenCache cache) {
		FunctionCounter.builder(RENEWALS_METER, cache, (tokens) -> tokens.statistics().renewalsAhead())
			.description("Token renewals started in the background before the current token expired")
			.tags(ObservedTokenSource.ACCOUNT_KEY, account, TRIGGER_KEY, "ahead")
			.register(registry);
		FunctionCounter.builder(RENEWALS_METER, cache, (tokens) -> tokens.statistics().invalidations())
			.description("Token renewals forced by the Talend API rejecting the current token")
			.tags(ObservedTokenSource.ACCOUNT_KEY, account, TRIGGER_KEY, "rejected")
			.register(registry);
		Gauge.builder(REMAINING_METER, cache, this::secondsLeft)
			.description("Time left before the current token expires, 0 while no usable token is held")
			.tag(ObservedTokenSource.ACCOUNT_KEY, account)
			.baseUnit("seconds")
			.register(registry);
	}

	/**
	 * A token held without an expiry gives {@code NaN}: the time left on it is unknown.
	 */
	private double secondsLeft(TalendTokenCache cache) {
		OAuth2AccessToken token = cache.peek();
		if (token == null) {
			return 0;
		}
		Instant expiresAt = token.getExpiresAt();
		if (expiresAt == null) {
			return Double.NaN;
		}
		Duration left = Duration.between(this.clock.instant(), expiresAt);
		return left.isNegative() ? 0 : left.toMillis() / 1000.0;
	}

}
