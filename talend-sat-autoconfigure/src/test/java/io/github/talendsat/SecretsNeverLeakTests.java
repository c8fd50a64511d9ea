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

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

import io.github.talendsat.account.TalendServiceAccount;
import io.github.talendsat.test.TalendCloudEmulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Runs a full token fetch, API calls, a forced renewal and a rejected secret with root
 * logging at DEBUG and TRACE, then searches everything printed, every exception message
 * and every {@code toString()} for the secret, the Basic credential and the tokens.
 *
 * @author talend-sat
 */
@ExtendWith(OutputCaptureExtension.class)
class SecretsNeverLeakTests {

	private static final String CLIENT_ID = "leak-check-id";

	private static final String SECRET = "S3cret+/= %-never-printed";

	private TalendCloudEmulator talend;

	@BeforeEach
	void startEmulator() {
		this.talend = TalendCloudEmulator.builder().account(CLIENT_ID, SECRET).build().start();
	}

	@AfterEach
	void stopEmulator() {
		this.talend.stop();
	}

	@ParameterizedTest
	@ValueSource(strings = { "DEBUG", "TRACE" })
	void fullWorkflowWhenRootLoggingVerboseThenNoSecretOrTokenAnywhere(String level, CapturedOutput output) {
		List<String> tokens = new ArrayList<>();
		List<String> texts = new ArrayList<>();
		try (ConfigurableApplicationContext context = start(level, SECRET)) {
			TalendServiceAccount account = context.getBean(TalendServiceAccount.class);
			RestClient restClient = context.getBean("talendRestClient", RestClient.class);
			WebClient webClient = context.getBean("talendWebClient", WebClient.class);
			restClient.get().uri("/orchestration/workspaces").retrieve().body(String.class);
			tokens.add(account.getTokenCache().peek().getTokenValue());
			this.talend.revokeIssuedTokens();
			restClient.post()
				.uri("/processing/executions")
				.contentType(MediaType.APPLICATION_JSON)
				.body(executionBody())
				.retrieve()
				.body(String.class);
			tokens.add(account.getTokenCache().peek().getTokenValue());
			webClient.get().uri("/account/users").retrieve().bodyToMono(String.class).block();
			OAuth2AuthorizedClient authorized = context
				.getBean("talendAuthorizedClientManager", OAuth2AuthorizedClientManager.class)
				.authorize(OAuth2AuthorizeRequest.withClientRegistrationId("talend").principal("job").build());
			texts.add(String.valueOf(account));
			texts.add(String.valueOf(account.getTokenCache().statistics()));
			texts.add(String.valueOf(authorized.getAccessToken()));
			texts.add(String.valueOf(authorized.getClientRegistration()));
			texts.add(String.valueOf(account.getClientRegistration()));
		}
		try (ConfigurableApplicationContext context = start(level, "a-wrong-secret")) {
			Throwable failure = catchThrowable(() -> context.getBean("talendRestClient", RestClient.class)
				.get()
				.uri("/orchestration/workspaces")
				.retrieve()
				.body(String.class));
			assertThat(failure).isNotNull();
			for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
				texts.add(cause.toString());
			}
		}
		assertThat(tokens).doesNotContainNull().hasSize(2);
		String everything = output.getAll() + String.join("\n", texts);
		assertThat(everything).contains("Talend");
		assertThat(everything).doesNotContain(SECRET)
			.doesNotContain("a-wrong-secret")
			.doesNotContain(basic(SECRET))
			.doesNotContain(basic("a-wrong-secret"))
			.doesNotContain("Basic ");
		for (String token : tokens) {
			assertThat(everything).doesNotContain(token);
			assertThat(everything).doesNotContain(token.substring(token.lastIndexOf('.') + 1));
		}
	}

	private ConfigurableApplicationContext start(String level, String secret) {
		return new SpringApplicationBuilder(LeakCheckApplication.class).web(WebApplicationType.NONE)
			.properties("logging.level.root=" + level,
					// The emulator stands in for Talend Cloud, a remote server whose logs
					// are not the client's.
					"logging.level.wiremock=WARN", "logging.level.org.eclipse.jetty=WARN",
					"logging.level.io.github.talendsat.test=WARN", "talend.service-account.client-id=" + CLIENT_ID,
					"talend.service-account.client-secret=" + secret,
					"talend.service-account.base-url=" + this.talend.baseUrl())
			.run();
	}

	private static String basic(String secret) {
		return Base64.getEncoder().encodeToString((CLIENT_ID + ":" + secret).getBytes(StandardCharsets.UTF_8));
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class LeakCheckApplication {

	}

	private String executionBody() {
		return "{\"executable\":\"" + this.talend.taskIds().get(0) + "\",\"logLevel\":\"WARN\"}";
	}

}
