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
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthContributors;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.security.oauth2.core.OAuth2AccessToken;

import io.github.talendsat.account.TalendServiceAccount;
import io.github.talendsat.test.TalendCloudEmulator;
import io.github.talendsat.test.TalendCloudEmulator.Account;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link TalendHealthAutoConfiguration} and the account health indicators it
 * contributes, against the Talend Cloud emulator.
 *
 * @author talend-sat
 */
class TalendHealthAutoConfigurationTests {

	private TalendCloudEmulator talend;

	private ApplicationContextRunner contextRunner;

	@BeforeEach
	void startEmulator() {
		this.talend = TalendCloudEmulator.builder()
			.account("default-id", "default-secret")
			.account("billing-id", "billing-secret")
			.account(Account.of("denied-id", "denied-secret").withManageServiceAccount(false))
			.build()
			.start();
		this.contextRunner = new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(TalendServiceAccountAutoConfiguration.class,
					TalendHealthAutoConfiguration.class, HealthContributorRegistryAutoConfiguration.class));
	}

	@AfterEach
	void stopEmulator() {
		this.talend.stop();
	}

	@Test
	void autoConfigurationWhenDefaultAndNamedAccountsThenContributesCompositeNamedTalend() {
		this.contextRunner.withPropertyValues(account(null, "default-id", "default-secret"))
			.withPropertyValues(account("billing", "billing-id", "billing-secret"))
			.run((context) -> {
				assertThat(context).hasBean("talendHealthContributor");
				HealthContributor talend = context.getBean(HealthContributorRegistry.class).getContributor("talend");
				assertThat(talend).isInstanceOf(CompositeHealthContributor.class);
				assertThat(((HealthContributors) talend).stream().map(HealthContributors.Entry::name))
					.containsExactlyInAnyOrder("default", "billing");
				assertThat(this.talend.tokenRequests()).isZero();
			});
	}

	@Test
	void autoConfigurationWhenOneAccountThenStillCompositeUnderItsName() {
		this.contextRunner.withPropertyValues(account(null, "default-id", "default-secret")).run((context) -> {
			HealthContributor talend = context.getBean(HealthContributorRegistry.class).getContributor("talend");
			assertThat(talend).isInstanceOf(CompositeHealthContributor.class);
			assertThat(((HealthContributors) talend).getContributor("default")).isInstanceOf(HealthIndicator.class);
		});
	}

	@Test
	void autoConfigurationWhenOnlyNamedAccountsThenContributesThem() {
		this.contextRunner.withPropertyValues(account("billing", "billing-id", "billing-secret")).run((context) -> {
			assertThat(context).doesNotHaveBean("talendServiceAccount");
			assertThat(health(context, "billing").getStatus()).isEqualTo(Status.UP);
		});
	}

	@Test
	void autoConfigurationWhenUserDefinesTalendHealthContributorThenBacksOff() {
		HealthIndicator own = () -> Health.up().build();
		this.contextRunner.withPropertyValues(account(null, "default-id", "default-secret"))
			.withBean("talendHealthContributor", HealthIndicator.class, () -> own)
			.run((context) -> {
				assertThat(context).getBean("talendHealthContributor").isSameAs(own);
				assertThat(context).doesNotHaveBean(CompositeHealthContributor.class);
			});
	}

	@Test
	void autoConfigurationWhenIndicatorDisabledThenNoContributor() {
		this.contextRunner.withPropertyValues(account(null, "default-id", "default-secret"))
			.withPropertyValues("management.health.talend.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean("talendHealthContributor"));
		this.contextRunner.withPropertyValues(account(null, "default-id", "default-secret"))
			.withPropertyValues("management.health.defaults.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean("talendHealthContributor"));
	}

	@Test
	void autoConfigurationWhenHealthModuleMissingThenNoContributor() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(HealthIndicator.class))
			.withPropertyValues(account(null, "default-id", "default-secret"))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).hasSingleBean(TalendServiceAccount.class);
				assertThat(context).doesNotHaveBean("talendHealthContributor");
			});
	}

	@Test
	void autoConfigurationWhenNoAccountThenNoContributor() {
		this.contextRunner.withPropertyValues("talend.service-account.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean("talendHealthContributor"));
	}

	@Test
	void healthWhenTokenObtainableThenUpWithDetailsAndNoToken() {
		this.contextRunner.withPropertyValues(account(null, "default-id", "default-secret")).run((context) -> {
			Health health = health(context, "default");
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			OAuth2AccessToken token = context.getBean(TalendServiceAccount.class).getTokenCache().peek();
			assertThat(token).isNotNull();
			assertThat(health.getDetails()).containsOnlyKeys("account", "clientId", "apiBaseUrl", "tokenExpiresAt")
				.containsEntry("account", "default")
				.containsEntry("clientId", "default-id")
				.containsEntry("apiBaseUrl", this.talend.baseUrl())
				.containsEntry("tokenExpiresAt", token.getExpiresAt().toString());
			assertThat(Instant.parse((String) health.getDetails().get("tokenExpiresAt")))
				.isAfter(Instant.now().plus(Duration.ofMinutes(25)));
			assertThat(health.toString()).doesNotContain(token.getTokenValue()).doesNotContain("default-secret");
			assertThat(this.talend.tokenRequests()).isEqualTo(1);
		});
	}

	@Test
	void healthWhenCalledTwentyTimesWhileUpThenOneTokenRequest() {
		this.contextRunner.withPropertyValues(account(null, "default-id", "default-secret")).run((context) -> {
			for (int i = 0; i < 20; i++) {
				assertThat(health(context, "default").getStatus()).isEqualTo(Status.UP);
			}
			assertThat(this.talend.tokenRequests()).isEqualTo(1);
			assertThat(this.talend.tokensIssued()).isEqualTo(1);
		});
	}

	@Test
	void healthWhenSecretWrongThenDownCredentialsRejected() {
		this.contextRunner.withPropertyValues(account(null, "default-id", "a-wrong-secret")).run((context) -> {
			Health health = health(context, "default");
			assertThat(health.getStatus()).isEqualTo(Status.DOWN);
			assertThat(health.getDetails()).containsOnlyKeys("account", "clientId", "apiBaseUrl", "reason", "error")
				.containsEntry("reason", "credentials_rejected")
				.containsEntry("clientId", "default-id");
			assertThat((String) health.getDetails().get("error")).contains("401").doesNotContain("a-wrong-secret");
			assertThat(this.talend.tokenRequests()).isEqualTo(1);
		});
	}

	@Test
	void healthWhenCalledTwentyTimesWhileDownThenAtMostOneTokenRequest() {
		this.contextRunner.withPropertyValues(account(null, "default-id", "a-wrong-secret")).run((context) -> {
			for (int i = 0; i < 20; i++) {
				Health health = health(context, "default");
				assertThat(health.getStatus()).isEqualTo(Status.DOWN);
				assertThat(health.getDetails()).containsEntry("reason", "credentials_rejected");
			}
			assertThat(this.talend.tokenRequests()).isEqualTo(1);
		});
	}

	@Test
	void healthWhenPermissionMissingThenDownPermissionDenied() {
		this.contextRunner.withPropertyValues(account("ops", "denied-id", "denied-secret")).run((context) -> {
			Health health = health(context, "ops");
			assertThat(health.getStatus()).isEqualTo(Status.DOWN);
			assertThat(health.getDetails()).containsEntry("account", "ops")
				.containsEntry("reason", "permission_denied")
				.containsKey("error");
			assertThat(this.talend.tokenRequests()).isEqualTo(1);
		});
	}

	@Test
	void healthWhenEndpointUnreachableThenDownUnreachableAndBackoffHolds() {
		this.contextRunner
			.withPropertyValues("talend.service-account.client-id=default-id",
					"talend.service-account.client-secret=default-secret",
					"talend.service-account.base-url=http://127.0.0.1:1",
					"talend.service-account.token.retry-initial-interval=1m")
			.run((context) -> {
				for (int i = 0; i < 20; i++) {
					Health health = health(context, "default");
					assertThat(health.getStatus()).isEqualTo(Status.DOWN);
					assertThat(health.getDetails()).containsEntry("reason", "unreachable")
						.containsEntry("apiBaseUrl", "http://127.0.0.1:1");
				}
				assertThat(context.getBean(TalendServiceAccount.class).getTokenCache().statistics().failedRequests())
					.isEqualTo(1);
			});
	}

	@Test
	void healthWhenEmulatorStoppedThenDownUntilItServesAgain() {
		this.contextRunner.withPropertyValues(account(null, "default-id", "default-secret"))
			.withPropertyValues("talend.service-account.token.retry-initial-interval=1ms")
			.run((context) -> {
				this.talend.stop();
				Health down = health(context, "default");
				assertThat(down.getStatus()).isEqualTo(Status.DOWN);
				assertThat(down.getDetails()).containsEntry("reason", "unreachable");
				this.talend.start();
				assertThat(health(context, "default").getStatus()).isEqualTo(Status.UP);
				assertThat(this.talend.tokensIssued()).isEqualTo(1);
			});
	}

	@Test
	void healthWhenTokenEndpointHangsThenDownTimeoutAfterBoundedWaitWithOneRequest() {
		this.contextRunner.withPropertyValues(account(null, "default-id", "default-secret")).run((context) -> {
			this.talend.tokenEndpointHangs(true);
			TalendHealthIndicator indicator = new TalendHealthIndicator(context.getBean(TalendServiceAccount.class),
					Duration.ofMillis(200));
			for (int i = 0; i < 3; i++) {
				Health health = indicator.health();
				assertThat(health.getStatus()).isEqualTo(Status.DOWN);
				assertThat(health.getDetails()).containsEntry("reason", "timeout")
					.containsEntry("error", "No Talend token within 200 ms");
			}
			assertThat(this.talend.tokenRequests()).isEqualTo(1);
		});
	}

	private static Health health(AssertableApplicationContext context, String account) {
		CompositeHealthContributor talend = context.getBean("talendHealthContributor",
				CompositeHealthContributor.class);
		HealthIndicator indicator = (HealthIndicator) talend.getContributor(account);
		assertThat(indicator).as("indicator of account %s", account).isNotNull();
		return indicator.health();
	}

	private String[] account(String name, String clientId, String clientSecret) {
		String prefix = (name != null) ? "talend.service-account.accounts." + name : "talend.service-account";
		return List
			.of(prefix + ".client-id=" + clientId, prefix + ".client-secret=" + clientSecret,
					prefix + ".base-url=" + this.talend.baseUrl())
			.toArray(String[]::new);
	}

}
