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
package io.github.talendsat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.client.RestClient;

import io.github.talendsat.account.TalendServiceAccount;
import io.github.talendsat.test.TalendCloudEmulator;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Starts a web application on a loopback port with the {@code env}, {@code configprops}
 * and {@code health} endpoints exposed and set to show everything, obtains tokens for a
 * default and a named account, then reads the endpoints over HTTP and searches them for
 * the secrets, the Basic credentials and the tokens.
 *
 * @author talend-sat
 */
class ActuatorEndpointsNeverLeakTests {

	private static final String DEFAULT_ID = "default-leak-id";

	private static final String DEFAULT_SECRET = "D3fault+/= %-never-shown";

	private static final String BILLING_ID = "billing-leak-id";

	private static final String BILLING_SECRET = "B1lling+/= %-never-shown";

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private TalendCloudEmulator talend;

	@BeforeEach
	void startEmulator() {
		this.talend = TalendCloudEmulator.builder()
			.account(DEFAULT_ID, DEFAULT_SECRET)
			.account(BILLING_ID, BILLING_SECRET)
			.build()
			.start();
	}

	@AfterEach
	void stopEmulator() {
		this.talend.stop();
	}

	@Test
	void actuatorEndpointsWhenSetToShowValuesThenNoSecretNoBasicCredentialAndNoToken() throws Exception {
		try (ConfigurableApplicationContext context = start()) {
			int port = context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
			context.getBean("talendRestClient", RestClient.class)
				.get()
				.uri("/orchestration/workspaces")
				.retrieve()
				.body(String.class);
			List<String> bodies = new ArrayList<>();
			for (String path : List.of("/actuator/env", "/actuator/env/talend.service-account.client-secret",
					"/actuator/env/talend.service-account.accounts.billing.client-secret", "/actuator/configprops",
					"/actuator/configprops/talend.service-account", "/actuator/health", "/actuator/health/talend",
					"/actuator/health/talend/billing")) {
				bodies.add(get(port, path));
			}
			String everything = String.join("\n", bodies);
			assertThat(everything).contains(DEFAULT_ID).contains(BILLING_ID).contains("******");
			assertThat(everything).doesNotContain(DEFAULT_SECRET)
				.doesNotContain(BILLING_SECRET)
				.doesNotContain(basic(DEFAULT_ID, DEFAULT_SECRET))
				.doesNotContain(basic(BILLING_ID, BILLING_SECRET));
			List<String> tokens = new ArrayList<>(this.talend.tokensSeen());
			assertThat(tokens).hasSize(1);
			tokens.add(context.getBean(TalendServiceAccount.class).getTokenCache().peek().getTokenValue());
			tokens.add(context.getBean("talendBillingServiceAccount", TalendServiceAccount.class)
				.getTokenCache()
				.peek()
				.getTokenValue());
			for (String token : tokens) {
				assertThat(everything).doesNotContain(token);
				assertThat(everything).doesNotContain(token.substring(token.lastIndexOf('.') + 1));
			}
			JsonNode health = JsonMapper.builder().build().readTree(bodies.get(5));
			assertThat(health.at("/status").asString()).isEqualTo("UP");
			JsonNode accounts = health.at("/components/talend/components");
			assertThat(accounts.at("/default/status").asString()).isEqualTo("UP");
			assertThat(accounts.at("/default/details/clientId").asString()).isEqualTo(DEFAULT_ID);
			assertThat(accounts.at("/billing/status").asString()).isEqualTo("UP");
			assertThat(accounts.at("/billing/details/apiBaseUrl").asString()).isEqualTo(this.talend.baseUrl());
			assertThat(accounts.at("/billing/details/tokenExpiresAt").isMissingNode()).isFalse();
			assertThat(this.talend.tokenRequests()).isEqualTo(2);
			MeterRegistry meters = context.getBean(MeterRegistry.class);
			assertThat(meters.get("talend.token.request").tag("outcome", "success").timers()).hasSize(2);
			assertThat(meters.get("talend.token.remaining").tag("talend.account", "billing").gauge().value())
				.isPositive();
		}
	}

	private ConfigurableApplicationContext start() {
		return new SpringApplicationBuilder(ActuatorApplication.class).properties("server.port=0",
				"server.address=127.0.0.1", "management.endpoints.web.exposure.include=health,env,configprops",
				"management.endpoint.health.show-details=always", "management.endpoint.env.show-values=always",
				"management.endpoint.configprops.show-values=always", "talend.service-account.client-id=" + DEFAULT_ID,
				"talend.service-account.client-secret=" + DEFAULT_SECRET,
				"talend.service-account.base-url=" + this.talend.baseUrl(),
				"talend.service-account.accounts.billing.client-id=" + BILLING_ID,
				"talend.service-account.accounts.billing.base-url=" + this.talend.baseUrl())
			// One secret comes from the command line, another property source the env
			// endpoint lists.
			.run("--talend.service-account.accounts.billing.client-secret=" + BILLING_SECRET);
	}

	private String get(int port, String path) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.timeout(Duration.ofSeconds(30))
			.build();
		HttpResponse<String> response = this.http.send(request, BodyHandlers.ofString());
		assertThat(response.statusCode()).as("status of %s", path).isEqualTo(200);
		return response.body();
	}

	private static String basic(String clientId, String clientSecret) {
		return Base64.getEncoder().encodeToString((clientId + ":" + clientSecret).getBytes(StandardCharsets.UTF_8));
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class ActuatorApplication {

		/**
		 * Spring Security is on the test classpath; the endpoints are opened so that the
		 * test sees what an application that exposes them would show.
		 */
		@Bean
		SecurityFilterChain openEndpoints(HttpSecurity http) {
			return http.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll()).build();
		}

	}

}
