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

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2AccessToken.TokenType;

import io.github.talendsat.account.TalendServiceAccount;
import io.github.talendsat.cache.TalendTokenCache;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link TalendHealthIndicator} on a token cache whose clock and background
 * renewals the test drives.
 *
 * @author talend-sat
 */
class TalendHealthIndicatorTests {

	private static final Duration LIFETIME = Duration.ofMinutes(30);

	private final SettableClock clock = new SettableClock(Instant.parse("2026-03-01T08:00:00Z"));

	private final AtomicInteger tokenRequests = new AtomicInteger();

	private final List<Runnable> renewals = new ArrayList<>();

	@Test
	void healthWhenPolledWhileAccountIdlesThroughManyLifetimesThenNoTokenRequestPastTheFirstLifetime() {
		TalendTokenCache cache = new TalendTokenCache(this::issue, this.clock);
		cache.setJitter(() -> 0.0);
		cache.setRenewalScheduler((task, delay) -> this.renewals.add(task));
		TalendHealthIndicator indicator = new TalendHealthIndicator(account(cache), Duration.ofSeconds(5));
		assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
		assertThat(this.tokenRequests).as("the first check obtains a token").hasValue(1);
		for (int minute = 1; minute <= 5 * 30; minute++) {
			this.clock.advance(Duration.ofMinutes(1));
			runDueRenewals();
			Health health = indicator.health();
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).doesNotContainKey("reason");
		}
		assertThat(this.tokenRequests).as("the first token and its renewal ahead, then nothing while idle").hasValue(2);
	}

	@Test
	void healthWhenIdleAccountHoldsNoTokenThenUpSayingTheNextCallObtainsOne() {
		TalendTokenCache cache = new TalendTokenCache(this::issue, this.clock);
		cache.setRenewalScheduler((task, delay) -> {
		});
		TalendHealthIndicator indicator = new TalendHealthIndicator(account(cache), Duration.ofSeconds(5));
		assertThat(indicator.health().getDetails()).containsKey("tokenExpiresAt");
		this.clock.advance(LIFETIME);
		Health idle = indicator.health();
		assertThat(idle.getStatus()).isEqualTo(Status.UP);
		assertThat(idle.getDetails()).containsEntry("token", "none held: the next call obtains one")
			.doesNotContainKey("tokenExpiresAt");
		assertThat(this.tokenRequests).hasValue(1);
	}

	private CompletableFuture<OAuth2AccessToken> issue() {
		int number = this.tokenRequests.incrementAndGet();
		Instant now = this.clock.instant();
		return CompletableFuture
			.completedFuture(new OAuth2AccessToken(TokenType.BEARER, "token-" + number, now, now.plus(LIFETIME)));
	}

	private void runDueRenewals() {
		List<Runnable> due = new ArrayList<>(this.renewals);
		this.renewals.clear();
		due.forEach(Runnable::run);
	}

	private static TalendServiceAccount account(TalendTokenCache cache) {
		ClientRegistration registration = ClientRegistration.withRegistrationId("talend")
			.clientId("health-id")
			.clientSecret("health-secret")
			.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
			.tokenUri("https://api.eu.cloud.talend.com/security/oauth/token")
			.build();
		return new TalendServiceAccount("default", URI.create("https://api.eu.cloud.talend.com"), registration, cache);
	}

	private static final class SettableClock extends Clock {

		private Instant now;

		SettableClock(Instant now) {
			this.now = now;
		}

		void advance(Duration amount) {
			this.now = this.now.plus(amount);
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

}
