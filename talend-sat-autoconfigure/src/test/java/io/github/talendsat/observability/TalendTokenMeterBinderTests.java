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

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2AccessToken.TokenType;

import io.github.talendsat.account.TalendServiceAccount;
import io.github.talendsat.cache.TalendTokenCache;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link TalendTokenMeterBinder}, moving a clock through a token's life.
 *
 * @author talend-sat
 */
class TalendTokenMeterBinderTests {

	private static final Instant START = Instant.parse("2026-03-01T10:00:00Z");

	private final SteppedClock clock = new SteppedClock(START);

	private final AtomicInteger requests = new AtomicInteger();

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private TalendTokenCache cache;

	@BeforeEach
	void bindOneAccount() {
		this.cache = new TalendTokenCache(() -> {
			Instant now = this.clock.instant();
			OAuth2AccessToken token = new OAuth2AccessToken(TokenType.BEARER,
					"token-" + this.requests.incrementAndGet(), now, now.plus(Duration.ofMinutes(30)));
			return CompletableFuture.completedFuture(token);
		}, this.clock);
		this.cache.setJitter(() -> 0);
		TalendTokenMeterBinder binder = new TalendTokenMeterBinder(List.of(account("billing", this.cache)));
		binder.setClock(this.clock);
		binder.bindTo(this.registry);
	}

	@Test
	void bindToWhenNoTokenHeldThenRemainingIsZeroAndNoRequestSent() {
		assertThat(remaining()).isZero();
		assertThat(renewals("ahead")).isZero();
		assertThat(renewals("rejected")).isZero();
		assertThat(this.requests).hasValue(0);
	}

	@Test
	void bindToWhenTokenHeldThenRemainingCountsDownWithTheClock() {
		this.cache.getToken();
		assertThat(remaining()).isEqualTo(1800.0);
		this.clock.advance(Duration.ofMinutes(10).plusMillis(500));
		assertThat(remaining()).isEqualTo(1199.5);
	}

	@Test
	void bindToWhenTokenRenewedAheadThenAheadCounterCountsIt() {
		this.cache.getToken();
		this.clock.advance(Duration.ofMinutes(25));
		this.cache.getToken();
		assertThat(this.requests).hasValue(2);
		assertThat(renewals("ahead")).isEqualTo(1.0);
		assertThat(renewals("rejected")).isZero();
		assertThat(remaining()).isEqualTo(1800.0);
	}

	@Test
	void bindToWhenApiRejectsTokenThenRejectedCounterCountsItAndRemainingDropsToZero() {
		OAuth2AccessToken token = this.cache.getToken();
		this.cache.invalidate(token);
		assertThat(renewals("rejected")).isEqualTo(1.0);
		assertThat(renewals("ahead")).isZero();
		assertThat(remaining()).isZero();
	}

	@Test
	void bindToWhenBoundThenMetersCarryOnlyAccountAndTriggerTags() {
		this.cache.getToken();
		assertThat(this.registry.getMeters()).hasSize(3);
		for (Meter meter : this.registry.getMeters()) {
			assertThat(meter.getId().getTag("talend.account")).isEqualTo("billing");
			assertThat(meter.getId().getTags()).extracting(Tag::getKey)
				.isSubsetOf("talend.account", "trigger")
				.doesNotContain("token");
			assertThat(meter.getId().getTags()).extracting(Tag::getValue).noneMatch((v) -> v.startsWith("token-"));
		}
		assertThat(this.registry.get("talend.token.remaining").gauge().getId().getBaseUnit()).isEqualTo("seconds");
	}

	@Test
	void bindToWhenSeveralAccountsThenEachHasItsOwnMeters() {
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		new TalendTokenMeterBinder(List.of(account("default", this.cache), account("ops", this.cache)))
			.bindTo(registry);
		assertThat(registry.get("talend.token.remaining").gauges()).hasSize(2);
		assertThat(registry.get("talend.token.renewals").tag("talend.account", "ops").functionCounters()).hasSize(2);
	}

	private double remaining() {
		return this.registry.get("talend.token.remaining").tag("talend.account", "billing").gauge().value();
	}

	private double renewals(String trigger) {
		return this.registry.get("talend.token.renewals")
			.tags("talend.account", "billing", "trigger", trigger)
			.functionCounter()
			.count();
	}

	private static TalendServiceAccount account(String name, TalendTokenCache cache) {
		ClientRegistration registration = ClientRegistration.withRegistrationId("talend-" + name)
			.clientId(name + "-id")
			.clientSecret(name + "-secret")
			.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
			.tokenUri("https://api.eu.cloud.talend.com/security/oauth/token")
			.build();
		return new TalendServiceAccount(name, URI.create("https://api.eu.cloud.talend.com"), registration, cache);
	}

	/**
	 * A clock that stands still until the test moves it.
	 */
	private static final class SteppedClock extends Clock {

		private volatile Instant now;

		SteppedClock(Instant start) {
			this.now = start;
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			throw new UnsupportedOperationException();
		}

		@Override
		public Instant instant() {
			return this.now;
		}

		void advance(Duration amount) {
			this.now = this.now.plus(amount);
		}

	}

}
