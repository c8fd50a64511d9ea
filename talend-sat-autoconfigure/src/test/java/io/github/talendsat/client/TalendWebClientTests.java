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
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.blockhound.BlockHound;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.http.MediaType;
import org.springframework.http.client.MultipartBodyBuilder;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.web.reactive.function.client.ServerOAuth2AuthorizedClientExchangeFilterFunction;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;

import io.github.talendsat.account.TalendServiceAccount;
import io.github.talendsat.autoconfigure.TalendServiceAccountAutoConfiguration;
import io.github.talendsat.autoconfigure.TalendWebClientAutoConfiguration;
import io.github.talendsat.security.TalendReactiveAuthorizedClientManager;
import io.github.talendsat.test.RecordedRequest;
import io.github.talendsat.test.TalendCloudEmulator;
import io.github.talendsat.token.TalendTokenException;
import io.github.talendsat.token.TalendTokenException.Reason;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * End-to-end tests of {@code talendWebClient} against the Talend Cloud emulator, with
 * BlockHound watching every non-blocking thread.
 *
 * @author talend-sat
 */
class TalendWebClientTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private TalendCloudEmulator talend;

	private ApplicationContextRunner contextRunner;

	@BeforeAll
	static void installBlockHound() {
		BlockHound.install();
	}

	@BeforeEach
	void startEmulator() {
		this.talend = TalendCloudEmulator.builder().account("sat-id", "sat-secret").build().start();
		this.contextRunner = new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(TalendServiceAccountAutoConfiguration.class,
					TalendWebClientAutoConfiguration.class, WebClientAutoConfiguration.class))
			.withPropertyValues("talend.service-account.client-id=sat-id",
					"talend.service-account.client-secret=sat-secret",
					"talend.service-account.base-url=" + this.talend.baseUrl());
	}

	@AfterEach
	void stopEmulator() {
		this.talend.stop();
	}

	@Test
	void callWhenCacheEmptyOnNonBlockingThreadThenNothingBlocksAndTokenReused() {
		this.contextRunner.run((context) -> {
			WebClient client = webClient(context);
			String first = listWorkspaces(client).subscribeOn(Schedulers.parallel()).block(TIMEOUT);
			String second = listWorkspaces(client).subscribeOn(Schedulers.parallel()).block(TIMEOUT);
			assertThat(first).contains("default");
			assertThat(second).contains("default");
			assertThat(this.talend.tokenRequests()).isEqualTo(1);
		});
	}

	@Test
	void callsWhenFiftyConcurrentSubscribersAndTokenEndpointSlowThenOneTokenRequest() {
		this.talend.tokenDelay(Duration.ofSeconds(1));
		this.contextRunner.run((context) -> {
			WebClient client = webClient(context);
			List<String> bodies = Flux.range(0, 50)
				.flatMap((i) -> listWorkspaces(client).subscribeOn(Schedulers.parallel()), 50)
				.collectList()
				.block(TIMEOUT);
			assertThat(bodies).hasSize(50).allSatisfy((body) -> assertThat(body).contains("default"));
			assertThat(this.talend.tokenRequests()).isEqualTo(1);
		});
	}

	@Test
	void postWhenApiRejectsCachedTokenThenRenewsAndRetriesOnceWithBody() {
		this.contextRunner.run((context) -> {
			WebClient client = webClient(context);
			listWorkspaces(client).block(TIMEOUT);
			this.talend.revokeIssuedTokens();
			String body = client.post()
				.uri("/processing/executions")
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(executionBody())
				.retrieve()
				.bodyToMono(String.class)
				.subscribeOn(Schedulers.parallel())
				.block(TIMEOUT);
			assertThat(body).contains("executionId");
			assertThat(this.talend.tokenRequests()).isEqualTo(2);
			assertThat(this.talend.rejectedApiCalls()).isEqualTo(1);
		});
	}

	@Test
	void callsWhenHundredSubscribersMeetRevokedTokenTogetherThenOneRenewal() {
		this.contextRunner.run((context) -> {
			WebClient client = webClient(context);
			listWorkspaces(client).block(TIMEOUT);
			this.talend.revokeIssuedTokens();
			List<String> bodies = Flux.range(0, 100)
				.flatMap((i) -> listWorkspaces(client).subscribeOn(Schedulers.parallel()), 100)
				.collectList()
				.block(TIMEOUT);
			assertThat(bodies).hasSize(100).allSatisfy((body) -> assertThat(body).contains("default"));
			assertThat(this.talend.tokenRequests()).isEqualTo(2);
		});
	}

	@Test
	void postWhenApiRejectsCachedTokenAndBodyCanBeReadOnlyOnceThenRetrySendsSameBody() {
		this.contextRunner.run((context) -> {
			WebClient client = webClient(context);
			listWorkspaces(client).block(TIMEOUT);
			this.talend.rejectNextApiCalls(1);
			Sinks.Many<String> once = Sinks.many().unicast().onBackpressureBuffer();
			once.tryEmitNext(executionBody());
			once.tryEmitComplete();
			String body = client.post()
				.uri("/processing/executions")
				.contentType(MediaType.APPLICATION_JSON)
				.body(once.asFlux(), String.class)
				.retrieve()
				.bodyToMono(String.class)
				.block(TIMEOUT);
			assertThat(body).contains("executionId");
			List<RecordedRequest> posts = this.talend.apiRequestLog()
				.stream()
				.filter((request) -> request.method().equals("POST"))
				.toList();
			assertThat(posts).hasSize(2)
				.allSatisfy((request) -> assertThat(request.bodyAsString()).isEqualTo(executionBody()))
				.allSatisfy((request) -> assertThat(request.header("Content-Type")).startsWith("application/json"));
		});
	}

	@Test
	void postWhenApiRejectsCachedTokenAndEncoderSetsContentTypeThenRetryKeepsIt() {
		this.contextRunner.run((context) -> {
			WebClient client = webClient(context);
			listWorkspaces(client).block(TIMEOUT);
			this.talend.rejectNextApiCalls(1);
			String body = client.post()
				.uri("/processing/executions")
				.bodyValue(Map.of("executable", this.talend.taskIds().get(0), "logLevel", "WARN"))
				.retrieve()
				.bodyToMono(String.class)
				.block(TIMEOUT);
			assertThat(body).contains("executionId");
		});
	}

	@Test
	void postWhenApiRejectsCachedTokenAndCallerSetsMultipartTypeThenRetrySendsBoundaryOfRecordedBody() {
		WireMockServer api = new WireMockServer(WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
		api.start();
		try {
			api.stubFor(post("/upload").inScenario("upload")
				.whenScenarioStateIs(Scenario.STARTED)
				.willReturn(
						aResponse().withStatus(401).withHeader("WWW-Authenticate", "Bearer error=\"invalid_token\""))
				.willSetStateTo("token renewed"));
			api.stubFor(post("/upload").inScenario("upload")
				.whenScenarioStateIs("token renewed")
				.willReturn(aResponse().withStatus(200).withBody("uploaded")));
			MultipartBodyBuilder parts = new MultipartBodyBuilder();
			parts.part("file", "hello").filename("a.txt");
			parts.part("name", "value");
			this.contextRunner
				.withPropertyValues("talend.service-account.base-url=" + api.baseUrl(),
						"talend.service-account.token-uri=" + this.talend.tokenUri(),
						"talend.service-account.audience=" + this.talend.baseUrl())
				.run((context) -> assertThat(webClient(context).post()
					.uri("/upload")
					.contentType(MediaType.MULTIPART_FORM_DATA)
					.body(BodyInserters.fromMultipartData(parts.build()))
					.retrieve()
					.bodyToMono(String.class)
					.block(TIMEOUT)).isEqualTo("uploaded"));
			List<LoggedRequest> uploads = api.findAll(postRequestedFor(urlEqualTo("/upload")));
			assertThat(uploads).hasSize(2);
			String contentType = uploads.get(0).getHeader("Content-Type");
			assertThat(contentType).startsWith("multipart/form-data").contains("boundary=");
			String boundary = contentType.substring(contentType.indexOf("boundary=") + "boundary=".length());
			assertThat(uploads.get(1).getHeader("Content-Type")).isEqualTo(contentType);
			assertThat(uploads.get(1).getBodyAsString()).isEqualTo(uploads.get(0).getBodyAsString())
				.startsWith("--" + boundary);
			assertThat(uploads.get(1).getHeader("Authorization"))
				.isNotEqualTo(uploads.get(0).getHeader("Authorization"));
			assertThat(this.talend.tokenRequests()).isEqualTo(2);
		}
		finally {
			api.stop();
		}
	}

	@Test
	void callWhenApiRejectsTwiceThenCallerGets401AfterOneRetry() {
		this.contextRunner.run((context) -> {
			WebClient client = webClient(context);
			listWorkspaces(client).block(TIMEOUT);
			this.talend.rejectNextApiCalls(2);
			assertThatExceptionOfType(WebClientResponseException.Unauthorized.class)
				.isThrownBy(() -> listWorkspaces(client).block(TIMEOUT));
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
				WebClient client = webClient(context);
				assertThatExceptionOfType(WebClientResponseException.Forbidden.class).isThrownBy(() -> client.post()
					.uri("/processing/executions")
					.contentType(MediaType.APPLICATION_JSON)
					.bodyValue(executionBody())
					.retrieve()
					.bodyToMono(String.class)
					.block(TIMEOUT));
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
				WebClient client = webClient(context);
				listWorkspaces(client).block(TIMEOUT);
				client.get().uri(other.baseUrl() + "/elsewhere").retrieve().toBodilessEntity().block(TIMEOUT);
			});
			assertThat(other.findAll(anyRequestedFor(anyUrl()))).hasSize(1)
				.allSatisfy((request) -> assertThat(request.containsHeader("Authorization")).isFalse());
		}
		finally {
			other.stop();
		}
	}

	@Test
	void authorizeWhenNoExchangeThenReactiveManagerGivesToken() {
		this.contextRunner.run((context) -> {
			ReactiveOAuth2AuthorizedClientManager manager = context.getBean("talendReactiveAuthorizedClientManager",
					ReactiveOAuth2AuthorizedClientManager.class);
			OAuth2AuthorizedClient client = manager
				.authorize(OAuth2AuthorizeRequest.withClientRegistrationId("talend").principal("scheduler").build())
				.subscribeOn(Schedulers.parallel())
				.block(TIMEOUT);
			assertThat(client).isNotNull();
			assertThat(client.getAccessToken().getTokenValue()).isNotBlank();
		});
	}

	@Test
	void springFilterWhenApiRejectsTokenAndManagersHandlerToldThenNextCallGetsFreshToken() {
		this.contextRunner.run((context) -> {
			TalendReactiveAuthorizedClientManager manager = context.getBean("talendReactiveAuthorizedClientManager",
					TalendReactiveAuthorizedClientManager.class);
			ServerOAuth2AuthorizedClientExchangeFilterFunction filter = new ServerOAuth2AuthorizedClientExchangeFilterFunction(
					manager);
			filter.setDefaultClientRegistrationId("talend");
			filter.setAuthorizationFailureHandler(manager.authorizationFailureHandler());
			WebClient client = WebClient.builder().baseUrl(this.talend.baseUrl()).filter(filter).build();
			listWorkspaces(client).block(TIMEOUT);
			this.talend.revokeIssuedTokens();
			assertThatExceptionOfType(WebClientResponseException.Unauthorized.class)
				.isThrownBy(() -> listWorkspaces(client).block(TIMEOUT));
			assertThat(listWorkspaces(client).block(TIMEOUT)).contains("default");
			assertThat(this.talend.tokenRequests()).isEqualTo(2);
		});
	}

	@Test
	void subscriberWhenCancelledThenSharedTokenRequestCompletesForOthers() {
		this.talend.tokenDelay(Duration.ofMillis(500));
		this.contextRunner.run((context) -> {
			WebClient client = webClient(context);
			listWorkspaces(client).subscribeOn(Schedulers.parallel()).subscribe().dispose();
			String body = listWorkspaces(client).subscribeOn(Schedulers.parallel()).block(TIMEOUT);
			assertThat(body).contains("default");
			assertThat(this.talend.tokenRequests()).isEqualTo(1);
		});
	}

	@Test
	void callWhenTokenEndpointNeverAnswersThenFailsAfterReadTimeout() {
		this.talend.tokenEndpointHangs(true);
		this.contextRunner.withPropertyValues("talend.service-account.token.read-timeout=300ms").run((context) -> {
			WebClient client = webClient(context);
			assertThatExceptionOfType(TalendTokenException.class)
				.isThrownBy(() -> listWorkspaces(client).subscribeOn(Schedulers.parallel()).block(TIMEOUT))
				.satisfies((ex) -> assertThat(ex.getReason()).isEqualTo(Reason.TIMEOUT));
		});
	}

	private static WebClient webClient(AssertableApplicationContext context) {
		return context.getBean("talendWebClient", WebClient.class);
	}

	private static Mono<String> listWorkspaces(WebClient client) {
		return client.get()
			.uri("/orchestration/workspaces?query={query}", "environment.name==default")
			.retrieve()
			.bodyToMono(String.class);
	}

	private String executionBody() {
		return "{\"executable\":\"" + this.talend.taskIds().get(0) + "\",\"logLevel\":\"WARN\"}";
	}

}
