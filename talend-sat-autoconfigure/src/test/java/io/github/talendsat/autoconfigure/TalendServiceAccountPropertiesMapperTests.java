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

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.security.oauth2.core.OAuth2AccessToken;

import io.github.talendsat.account.TalendServiceAccount;
import io.github.talendsat.test.TalendCloudEmulator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link TalendServiceAccountPropertiesMapper}.
 *
 * @author talend-sat
 */
class TalendServiceAccountPropertiesMapperTests {

	private static final Instant ACCOUNT_TIME = Instant.parse("2030-01-01T00:00:00Z");

	private TalendCloudEmulator talend;

	@BeforeEach
	void startEmulator() {
		this.talend = TalendCloudEmulator.builder().account("sat-id", "sat-secret").build().start();
	}

	@AfterEach
	void stopEmulator() {
		this.talend.stop();
	}

	@Test
	void toAccountWhenClockIsNotTheSystemClockThenTokensAreDatedByIt() {
		TalendServiceAccountProperties properties = new TalendServiceAccountProperties();
		properties.setClientId("sat-id");
		properties.setClientSecret("sat-secret");
		properties.setBaseUrl(this.talend.baseUrl() + "/");
		TalendServiceAccount account = new TalendServiceAccountPropertiesMapper(
				Clock.fixed(ACCOUNT_TIME, ZoneOffset.UTC), ObservationRegistry.NOOP)
			.toDefaultAccount(properties);
		OAuth2AccessToken token = account.getTokenCache().getToken();
		assertThat(token.getIssuedAt()).isEqualTo(ACCOUNT_TIME);
		assertThat(token.getExpiresAt()).isEqualTo(ACCOUNT_TIME.plus(Duration.ofMinutes(30)));
		assertThat(account.getTokenCache().peek()).isSameAs(token);
		assertThat(this.talend.tokenRequestLog()).singleElement()
			.satisfies((request) -> assertThat(request.bodyAsString())
				.isEqualTo("{\"audience\":\"" + this.talend.baseUrl() + "\",\"grant_type\":\"client_credentials\"}"));
	}

}
