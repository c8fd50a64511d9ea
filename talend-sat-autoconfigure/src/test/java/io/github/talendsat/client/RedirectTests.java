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

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.imperative.ImperativeHttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.service.HttpServiceClientPropertiesAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.service.HttpServiceClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.registry.ImportHttpServices;

import io.github.talendsat.autoconfigure.TalendHttpServiceAutoConfiguration;
import io.github.talendsat.autoconfigure.TalendRestClientAutoConfiguration;
import io.github.talendsat.autoconfigure.TalendServiceAccountAutoConfiguration;
import io.github.talendsat.autoconfigure.TalendWebClientAutoConfiguration;
import io.github.talendsat.test.TalendCloudEmulator;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that a redirect from the API never carries the token to the host it points at,
 * whichever HTTP client Spring Boot is set to build, even where the application asks its
 * clients to follow redirects.
 *
 * @author talend-sat
 */
class RedirectTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private TalendCloudEmulator talend;

	private WireMockServer api;

	private WireMockServer elsewhere;

	private ApplicationContextRunner contextRunner;

	@BeforeEach
	void startServers() {
		this.talend = TalendCloudEmulator.builder().account("sat-id", "sat-secret").build().start();
		this.elsewhere = loopbackServer();
		this.elsewhere.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200).withBody("elsewhere")));
		this.api = loopbackServer();
		this.api.stubFor(get(urlPathEqualTo("/moved"))
			.willReturn(aResponse().withStatus(302).withHeader("Location", this.elsewhere.baseUrl() + "/landed")));
		this.contextRunner = new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(TalendServiceAccountAutoConfiguration.class,
					TalendRestClientAutoConfiguration.class, TalendWebClientAutoConfiguration.class,
					HttpClientAutoConfiguration.class, ImperativeHttpClientAutoConfiguration.class,
					ReactiveHttpClientAutoConfiguration.class, RestClientAutoConfiguration.class,
					WebClientAutoConfiguration.class))
			.withPropertyValues("talend.service-account.client-id=sat-id",
					"talend.service-account.client-secret=sat-secret",
					"talend.service-account.base-url=" + this.api.baseUrl(),
					"talend.service-account.token-uri=" + this.talend.tokenUri(),
					"talend.service-account.audience=" + this.talend.baseUrl(), "spring.http.clients.redirects=follow");
	}

	@AfterEach
	void stopServers() {
		this.api.stop();
		this.elsewhere.stop();
		this.talend.stop();
	}

	@ParameterizedTest
	@ValueSource(strings = { "jdk", "reactor", "simple" })
	void restClientCallWhenApiRedirectsToAnotherHostThenRedirectNotFollowed(String factory) {
		this.contextRunner.withPropertyValues("spring.http.clients.imperative.factory=" + factory).run((context) -> {
			RestClient client = context.getBean("talendRestClient", RestClient.class);
			ResponseEntity<Void> response = client.get().uri("/moved").retrieve().toBodilessEntity();
			assertThat(response.getStatusCode()).isEqualTo(HttpStatus.FOUND);
		});
		assertTokenStayedWithApi();
	}

	@ParameterizedTest
	@ValueSource(strings = { "jdk", "reactor" })
	void webClientCallWhenApiRedirectsToAnotherHostThenRedirectNotFollowed(String connector) {
		this.contextRunner.withPropertyValues("spring.http.clients.reactive.connector=" + connector).run((context) -> {
			WebClient client = context.getBean("talendWebClient", WebClient.class);
			ResponseEntity<Void> response = client.get().uri("/moved").retrieve().toBodilessEntity().block(TIMEOUT);
			assertThat(response.getStatusCode()).isEqualTo(HttpStatus.FOUND);
		});
		assertTokenStayedWithApi();
	}

	@ParameterizedTest
	@ValueSource(strings = { "jdk", "reactor", "simple" })
	void httpServiceCallWhenApiRedirectsToAnotherHostThenRedirectNotFollowed(String factory) {
		this.contextRunner
			.withConfiguration(AutoConfigurations.of(TalendHttpServiceAutoConfiguration.class,
					HttpServiceClientPropertiesAutoConfiguration.class, HttpServiceClientAutoConfiguration.class))
			.withUserConfiguration(MovedGroupConfiguration.class)
			.withPropertyValues("spring.http.clients.imperative.factory=" + factory,
					"spring.http.serviceclient.talend.redirects=follow")
			.run((context) -> assertThat(context.getBean(Moved.class).moved().getStatusCode())
				.isEqualTo(HttpStatus.FOUND));
		assertTokenStayedWithApi();
	}

	private void assertTokenStayedWithApi() {
		assertThat(this.api.findAll(anyRequestedFor(anyUrl()))).hasSize(1)
			.allSatisfy((request) -> assertThat(request.getHeader("Authorization")).startsWith("Bearer "));
		assertThat(this.elsewhere.findAll(anyRequestedFor(anyUrl()))).isEmpty();
	}

	private static WireMockServer loopbackServer() {
		WireMockServer server = new WireMockServer(
				WireMockConfiguration.options().dynamicPort().bindAddress("127.0.0.1"));
		server.start();
		return server;
	}

	interface Moved {

		@GetExchange("/moved")
		ResponseEntity<Void> moved();

	}

	@Configuration(proxyBeanMethods = false)
	@ImportHttpServices(group = "talend", types = Moved.class)
	static class MovedGroupConfiguration {

	}

}
