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
package io.github.talendsat.token;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.common.ConsoleNotifier;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import org.springframework.security.oauth2.client.endpoint.OAuth2ClientCredentialsGrantRequest;
import org.springframework.security.oauth2.core.OAuth2AccessToken.TokenType;
import org.springframework.security.oauth2.core.endpoint.OAuth2AccessTokenResponse;

import io.github.talendsat.token.TalendTokenException.Reason;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link ReactiveTalendTokenClient} against a WireMock server on loopback.
 *
 * @author talend-sat
 */
class ReactiveTalendTokenClientTests {

	private static final String TOKEN_PATH = "/security/oauth/token";

	private static final String AUDIENCE = "https://api.us.cloud.talend.com";

	private static final String TOKEN = "opaque-access-token-0815";

	private static final Duration WAIT_LIMIT = Duration.ofSeconds(10);

	private WireMockServer server;

	private OAuth2ClientCredentialsGrantRequest grantRequest;

	@BeforeEach
	void startServer() {
		this.server = new WireMockServer(
				options().dynamicPort().bindAddress("127.0.0.1").notifier(new ConsoleNotifier(false)));
		this.server.start();
		this.grantRequest = TalendTokenClientTests.grantRequest("sat-secret",
				"http://127.0.0.1:" + this.server.port() + TOKEN_PATH);
	}

	@AfterEach
	void stopServer() {
		this.server.stop();
	}

	@Test
	void getTokenResponseWhenEndpointAnswersThenMonoGivesSameTokenAsBlockingClient() {
		answer(200, "{\"access_token\":\"" + TOKEN + "\",\"token_type\":\"Bearer\",\"expires_in\":1800}");
		TalendTokenClient blocking = new TalendTokenClient(AUDIENCE);
		OAuth2AccessTokenResponse expected = blocking.getTokenResponse(this.grantRequest);
		StepVerifier.create(new ReactiveTalendTokenClient(blocking).getTokenResponse(this.grantRequest))
			.assertNext((response) -> {
				assertThat(response.getAccessToken().getTokenValue())
					.isEqualTo(expected.getAccessToken().getTokenValue())
					.isEqualTo(TOKEN);
				assertThat(response.getAccessToken().getTokenType()).isEqualTo(TokenType.BEARER);
				assertThat(Duration.between(response.getAccessToken().getIssuedAt(),
						response.getAccessToken().getExpiresAt()))
					.isEqualTo(Duration.ofSeconds(1800));
			})
			.expectComplete()
			.verify(WAIT_LIMIT);
		List<LoggedRequest> requests = this.server.findAll(anyRequestedFor(anyUrl()));
		assertThat(requests).hasSize(2);
		assertThat(requests.get(1).getBody()).isEqualTo(requests.get(0).getBody());
		assertThat(requests.get(1).getHeader("Authorization")).isEqualTo(requests.get(0).getHeader("Authorization"));
		assertThat(requests.get(1).getHeader("Content-Type")).isEqualTo("application/json");
	}

	@Test
	void getTokenResponseWhenNotSubscribedThenSendsNoRequest() {
		answer(200, "{\"access_token\":\"" + TOKEN + "\"}");
		Mono<OAuth2AccessTokenResponse> response = tokenResponse();
		assertThat(this.server.findAll(anyRequestedFor(anyUrl()))).isEmpty();
		StepVerifier.create(response).expectNextCount(1).expectComplete().verify(WAIT_LIMIT);
		assertThat(this.server.findAll(anyRequestedFor(anyUrl()))).hasSize(1);
	}

	@Test
	void getTokenResponseWhenUnauthorizedThenMonoFailsWithSameExceptionAsBlockingClient() {
		answer(401, "{\"status\":401,\"message\":\"Unauthorized\"}");
		TalendTokenException blocking = TalendTokenClientTests.failure(new TalendTokenClient(AUDIENCE),
				this.grantRequest);
		StepVerifier.create(tokenResponse()).expectErrorSatisfies((error) -> {
			assertThat(error).isExactlyInstanceOf(TalendTokenException.class);
			TalendTokenException ex = (TalendTokenException) error;
			assertThat(ex.getReason()).isEqualTo(Reason.CREDENTIALS_REJECTED).isEqualTo(blocking.getReason());
			assertThat(ex.getStatusCode()).isEqualTo(401);
			assertThat(ex.getMessage()).isEqualTo(blocking.getMessage())
				.contains("talend.service-account.client-id")
				.doesNotContain("sat-secret");
		}).verify(WAIT_LIMIT);
	}

	@Test
	void getTokenResponseWhenNothingListensThenMonoFailsWithUnreachable() throws IOException {
		int port;
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			port = socket.getLocalPort();
		}
		OAuth2ClientCredentialsGrantRequest unreachable = TalendTokenClientTests.grantRequest("sat-secret",
				"http://127.0.0.1:" + port + TOKEN_PATH);
		StepVerifier
			.create(new ReactiveTalendTokenClient(new TalendTokenClient(AUDIENCE)).getTokenResponse(unreachable))
			.expectErrorSatisfies((error) -> assertThat(error).isInstanceOfSatisfying(TalendTokenException.class,
					(ex) -> assertThat(ex.getReason()).isEqualTo(Reason.UNREACHABLE)))
			.verify(WAIT_LIMIT);
	}

	@Test
	void getTokenResponseWhenSuccessWithoutAccessTokenThenMonoFailsWithInvalidResponse() {
		answer(200, "{\"token_type\":\"Bearer\"}");
		StepVerifier.create(tokenResponse())
			.expectErrorSatisfies((error) -> assertThat(error).isInstanceOfSatisfying(TalendTokenException.class,
					(ex) -> assertThat(ex.getReason()).isEqualTo(Reason.INVALID_RESPONSE)))
			.verify(WAIT_LIMIT);
	}

	@Test
	void constructorWhenDelegateNullThenRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> new ReactiveTalendTokenClient(null))
			.withMessage("delegate cannot be null");
	}

	private Mono<OAuth2AccessTokenResponse> tokenResponse() {
		return new ReactiveTalendTokenClient(new TalendTokenClient(AUDIENCE)).getTokenResponse(this.grantRequest);
	}

	private void answer(int status, String body) {
		this.server.stubFor(any(anyUrl())
			.willReturn(aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body)));
	}

}
