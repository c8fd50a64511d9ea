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

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.web.client.OAuth2ClientHttpRequestInterceptor;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;

import io.github.talendsat.account.TalendServiceAccount;
import io.github.talendsat.autoconfigure.TalendRestClientAutoConfiguration;
import io.github.talendsat.autoconfigure.TalendServiceAccountAutoConfiguration;
import io.github.talendsat.security.TalendAuthorizedClientManager;
import io.github.talendsat.test.TalendCloudEmulator;
import io.github.talendsat.token.TalendTokenException;
import io.github.talendsat.token.TalendTokenException.Reason;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * End-to-end tests of {@code talendRestClient} against the Talend Cloud emulator.
 *
 * @author talend-sat
 */
class TalendRestClientTests {

	private TalendCloudEmulator talend;

	private ApplicationContextRunner contextRunner;

	@BeforeEach
	void startEmulator() {
		this.talend = TalendCloudEmulator.builder().account("sat-id", "sat-secret").build().start();
		this.contextRunner = new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(TalendServiceAccountAutoConfiguration.class,
					TalendRestClientAutoConfiguration.class, RestClientAutoConfiguration.class))
			.withPropertyValues("talend.service-account.client-id=sat-id",
					"talend.service-account.client-secret=sat-secret",
					"talend.service-account.base-url=" + this.talend.baseUrl());
	}

	@AfterEach
	void stopEmulator() {
		this.talend.stop();
	}

	@Test
	void callWhenCacheEmptyThenObtainsTokenOnceAndReusesIt() {
		this.contextRunner.run((context) -> {
			RestClient client = restClient(context);
			assertThat(listWorkspaces(client)).contains("default");
			assertThat(listWorkspaces(client)).contains("default");
			assertThat(this.talend.tokenRequests()).isEqualTo(1);
			assertThat(this.talend.apiCalls()).isEqualTo(2);
			assertThat(this.talend.rejectedApiCalls()).isZero();
		});
	}

	@Test
	void callsWhenFiftyConcurrentAndTokenEndpointSlowThenOneTokenRequest() {
		this.talend.tokenDelay(Duration.ofSeconds(1));
		this.contextRunner.run((context) -> {
			RestClient client = restClient(context);
			List<String> bodies = concurrently(50, () -> listWorkspaces(client));
			assertThat(bodies).hasSize(50).allSatisfy((body) -> assertThat(body).contains("default"));
			assertThat(this.talend.tokenRequests()).isEqualTo(1);
			assertThat(this.talend.rejectedApiCalls()).isZero();
		});
	}

	@Test
	void postWhenApiRejectsCachedTokenThenRenewsAndRetriesOnceWithBody() {
		this.contextRunner.run((context) -> {
			RestClient client = restClient(context);
			listWorkspaces(client);
			this.talend.revokeIssuedTokens();
			String body = runTask(client);
			assertThat(body).contains("executionId");
			assertThat(this.talend.tokenRequests()).isEqualTo(2);
			assertThat(this.talend.rejectedApiCalls()).isEqualTo(1);
			assertThat(this.talend.apiCalls()).isEqualTo(3);
		});
	}

	@Test
	void callsWhenHundredCallersMeetRevokedTokenTogetherThenOneRenewal() {
		this.contextRunner.run((context) -> {
			RestClient client = restClient(context);
			listWorkspaces(client);
			this.talend.revokeIssuedTokens();
			List<String> bodies = concurrently(100, () -> listWorkspaces(client));
			assertThat(bodies).hasSize(100).allSatisfy((body) -> assertThat(body).contains("default"));
			assertThat(this.talend.tokenRequests()).isEqualTo(2);
		});
	}

	@Test
	void callWhenApiRejectsTwiceThenCallerGets401AfterOneRetry() {
		this.contextRunner.run((context) -> {
			RestClient client = restClient(context);
			listWorkspaces(client);
			this.talend.rejectNextApiCalls(2);
			assertThatExceptionOfType(HttpClientErrorException.Unauthorized.class)
				.isThrownBy(() -> listWorkspaces(client));
			assertThat(this.talend.apiCalls()).isEqualTo(3);
			assertThat(this.talend.tokenRequests()).isEqualTo(2);
		});
	}

	@Test
	void callWhenApiAnswers403ThenNoEvictionAndNoRetry() {
		this.talend.addAccount(TalendCloudEmulator.Account.of("reader", "reader-secret").withExecute(false));
		this.contextRunner
			.withPropertyValues("talend.service-account.client-id=reader",
					"talend.service-account.client-secret=reader-secret")
			.run((context) -> {
				RestClient client = restClient(context);
				assertThatExceptionOfType(HttpClientErrorException.Forbidden.class).isThrownBy(() -> runTask(client));
				assertThat(this.talend.apiCalls()).isEqualTo(1);
				assertThat(this.talend.tokenRequests()).isEqualTo(1);
				assertThat(context.getBean(TalendServiceAccount.class).getTokenCache().peek()).isNotNull();
			});
	}

	@Test
	void callWhenAbsoluteUrlToAnotherOriginThenNoAuthorizationHeaderSent() {
		WireMockServer other = new WireMockServer(
				WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
		other.start();
		try {
			other.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withBody("ok")));
			this.contextRunner.run((context) -> {
				RestClient client = restClient(context);
				listWorkspaces(client);
				client.get().uri(other.baseUrl() + "/elsewhere").retrieve().toBodilessEntity();
				client.post().uri(other.baseUrl() + "/elsewhere").body("{}").retrieve().toBodilessEntity();
			});
			assertThat(other.findAll(anyRequestedFor(anyUrl()))).hasSize(2)
				.allSatisfy((request) -> assertThat(request.containsHeader("Authorization")).isFalse());
		}
		finally {
			other.stop();
		}
	}

	@Test
	void callWhenMadeFromPlainThreadWithoutWebServerThenTokenAttached() throws Exception {
		this.contextRunner.run((context) -> {
			RestClient client = restClient(context);
			AtomicReference<Object> outcome = new AtomicReference<>();
			Thread thread = new Thread(() -> {
				try {
					outcome.set(listWorkspaces(client));
				}
				catch (RuntimeException ex) {
					outcome.set(ex);
				}
			});
			thread.start();
			thread.join(10_000);
			assertThat(outcome.get()).asString().contains("default");
		});
	}

	@Test
	void authorizeWhenNoRequestOrPrincipalContextThenManagerGivesToken() {
		this.contextRunner.run((context) -> {
			OAuth2AuthorizedClientManager manager = context.getBean("talendAuthorizedClientManager",
					OAuth2AuthorizedClientManager.class);
			OAuth2AuthorizedClient client = manager
				.authorize(OAuth2AuthorizeRequest.withClientRegistrationId("talend").principal("scheduler").build());
			assertThat(client).isNotNull();
			assertThat(client.getAccessToken().getTokenValue()).isNotBlank();
			assertThat(client.getPrincipalName()).isEqualTo("scheduler");
			assertThat(this.talend.tokenRequests()).isEqualTo(1);
		});
	}

	@Test
	void springInterceptorWhenApiRejectsTokenAndManagersHandlerToldThenNextCallGetsFreshToken() {
		this.contextRunner.run((context) -> {
			TalendAuthorizedClientManager manager = context.getBean("talendAuthorizedClientManager",
					TalendAuthorizedClientManager.class);
			OAuth2ClientHttpRequestInterceptor interceptor = new OAuth2ClientHttpRequestInterceptor(manager);
			interceptor.setClientRegistrationIdResolver((request) -> "talend");
			interceptor.setAuthorizationFailureHandler(manager.authorizationFailureHandler());
			RestClient client = RestClient.builder()
				.baseUrl(this.talend.baseUrl())
				.requestInterceptor(interceptor)
				.build();
			listWorkspaces(client);
			this.talend.revokeIssuedTokens();
			assertThatExceptionOfType(HttpClientErrorException.Unauthorized.class)
				.isThrownBy(() -> listWorkspaces(client));
			assertThat(listWorkspaces(client)).contains("default");
			assertThat(this.talend.tokenRequests()).isEqualTo(2);
		});
	}

	@Test
	void callWhenTokenEndpointRefusesConnectionsThenContextStartsAndCallFailsClearly() {
		this.contextRunner
			.withPropertyValues("talend.service-account.token-uri=http://127.0.0.1:1/security/oauth/token")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				RestClient client = restClient(context);
				assertThatThrownBy(() -> listWorkspaces(client)).isInstanceOfSatisfying(TalendTokenException.class,
						(ex) -> {
							assertThat(ex.getReason()).isEqualTo(Reason.UNREACHABLE);
							assertThat(ex).hasMessageContaining("127.0.0.1:1");
						});
				assertThat(this.talend.apiCalls()).isZero();
			});
	}

	@Test
	void callWhenTokenEndpointNeverAnswersThenFailsAfterReadTimeout() {
		this.talend.tokenEndpointHangs(true);
		this.contextRunner.withPropertyValues("talend.service-account.token.read-timeout=300ms").run((context) -> {
			RestClient client = restClient(context);
			assertThatThrownBy(() -> listWorkspaces(client)).isInstanceOfSatisfying(TalendTokenException.class,
					(ex) -> assertThat(ex.getReason()).isEqualTo(Reason.TIMEOUT));
		});
	}

	@Test
	void callWhenCredentialsRejectedThenErrorNamesPropertyAndIsNotRetriedInALoop() {
		this.contextRunner.withPropertyValues("talend.service-account.client-secret=wrong-secret").run((context) -> {
			RestClient client = restClient(context);
			for (int i = 0; i < 5; i++) {
				assertThatThrownBy(() -> listWorkspaces(client)).isInstanceOfSatisfying(TalendTokenException.class,
						(ex) -> {
							assertThat(ex.getReason()).isEqualTo(Reason.CREDENTIALS_REJECTED);
							assertThat(ex.getStatusCode()).isEqualTo(401);
							assertThat(ex).hasMessageContaining("talend.service-account.client-id")
								.hasMessageNotContaining("wrong-secret");
						});
			}
			assertThat(this.talend.tokenRequests()).isEqualTo(1);
		});
	}

	private static RestClient restClient(AssertableApplicationContext context) {
		return context.getBean("talendRestClient", RestClient.class);
	}

	private static String listWorkspaces(RestClient client) {
		return client.get()
			.uri("/orchestration/workspaces?query={query}", "environment.name==default")
			.retrieve()
			.body(String.class);
	}

	private String runTask(RestClient client) {
		return client.post()
			.uri("/processing/executions")
			.contentType(MediaType.APPLICATION_JSON)
			.body(executionBody())
			.retrieve()
			.body(String.class);
	}

	static <T> List<T> concurrently(int callers, Callable<T> call) throws Exception {
		ExecutorService executor = Executors.newFixedThreadPool(callers);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<T>> futures = new ArrayList<>();
			for (int i = 0; i < callers; i++) {
				futures.add(executor.submit(() -> {
					start.await();
					return call.call();
				}));
			}
			start.countDown();
			List<T> results = new ArrayList<>();
			for (Future<T> future : futures) {
				results.add(future.get(30, TimeUnit.SECONDS));
			}
			return results;
		}
		finally {
			executor.shutdownNow();
		}
	}

	private String executionBody() {
		return "{\"executable\":\"" + this.talend.taskIds().get(0) + "\",\"logLevel\":\"WARN\"}";
	}

}
