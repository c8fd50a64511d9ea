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
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.common.ConsoleNotifier;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.security.oauth2.client.endpoint.OAuth2ClientCredentialsGrantRequest;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2AccessToken.TokenType;
import org.springframework.security.oauth2.core.endpoint.OAuth2AccessTokenResponse;

import io.github.talendsat.token.TalendTokenException.Reason;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.within;

/**
 * Tests for {@link TalendTokenClient} against a WireMock server on loopback.
 *
 * @author talend-sat
 */
class TalendTokenClientTests {

	private static final String TOKEN_PATH = "/security/oauth/token";

	private static final String AUDIENCE = "https://api.eu.cloud.talend.com";

	private static final String CLIENT_ID = "sat-client";

	private static final String CLIENT_SECRET = "sat-secret";

	/**
	 * Base64 of {@code sat-client:sat-secret}, worked out outside the code under test.
	 */
	private static final String BASIC_CREDENTIAL = "c2F0LWNsaWVudDpzYXQtc2VjcmV0";

	private static final String OPAQUE_TOKEN = "opaque-access-token-4711";

	private static final String MAC_TOKEN_RESPONSE = "{\"access_token\":\"" + OPAQUE_TOKEN
			+ "\",\"token_type\":\"mac\",\"expires_in\":1800}";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final int MAX_BODY_SIZE = 1024 * 1024;

	private WireMockServer server;

	@BeforeEach
	void startServer() {
		this.server = new WireMockServer(
				options().dynamicPort().bindAddress("127.0.0.1").notifier(new ConsoleNotifier(false)));
		this.server.start();
	}

	@AfterEach
	void stopServer() {
		this.server.stop();
	}

	@Test
	void getTokenResponseWhenCalledThenSendsTalendJsonRequest() {
		answer(json(200, "{\"access_token\":\"" + OPAQUE_TOKEN + "\",\"token_type\":\"Bearer\",\"expires_in\":1800}"));
		client().getTokenResponse(grantRequest(CLIENT_SECRET));
		LoggedRequest request = onlyRequest();
		assertThat(request.getMethod().getName()).isEqualTo("POST");
		assertThat(request.getUrl()).isEqualTo(TOKEN_PATH);
		assertThat(request.getAllHeaderKeys()).containsExactlyInAnyOrder("Accept", "Authorization", "Content-Length",
				"Content-Type", "Host", "User-Agent");
		assertThat(request.header("Content-Type").values()).containsExactly("application/json");
		assertThat(request.header("Accept").values()).containsExactly("application/json");
		assertThat(request.header("Authorization").values()).containsExactly("Basic " + BASIC_CREDENTIAL);
		byte[] expectedBody = ("{\"audience\":\"" + AUDIENCE + "\",\"grant_type\":\"client_credentials\"}")
			.getBytes(StandardCharsets.UTF_8);
		assertThat(request.getBody()).isEqualTo(expectedBody);
		assertThat(request.header("Content-Length").firstValue()).isEqualTo(String.valueOf(expectedBody.length));
	}

	@Test
	void getTokenResponseWhenCalledThenBodyIsJsonObjectNotFormOrString() {
		answer(json(200, "{\"access_token\":\"" + OPAQUE_TOKEN + "\"}"));
		client().getTokenResponse(grantRequest(CLIENT_SECRET));
		JsonNode body = JSON.readTree(onlyRequest().getBody());
		assertThat(body.isObject()).isTrue();
		assertThat(body.propertyNames()).containsExactly("audience", "grant_type");
		assertThat(body.get("audience").stringValue()).isEqualTo(AUDIENCE);
		assertThat(body.get("grant_type").stringValue()).isEqualTo("client_credentials");
	}

	@Test
	void getTokenResponseWhenSecretHasReservedCharactersThenBasicCredentialIsNotUrlEncoded() {
		answer(json(200, "{\"access_token\":\"" + OPAQUE_TOKEN + "\"}"));
		String secret = "a+b/c= %";
		client().getTokenResponse(grantRequest(secret));
		String authorization = onlyRequest().getHeader("Authorization");
		assertThat(authorization).isEqualTo("Basic c2F0LWNsaWVudDphK2IvYz0gJQ==");
		assertThat(Base64.getDecoder().decode(authorization.substring("Basic ".length())))
			.isEqualTo((CLIENT_ID + ":" + secret).getBytes(StandardCharsets.UTF_8));
	}

	@Test
	void getTokenResponseWhenSecretIsNotAsciiThenBasicCredentialEncodesUtf8() {
		answer(json(200, "{\"access_token\":\"" + OPAQUE_TOKEN + "\"}"));
		client().getTokenResponse(grantRequest("p\u00e4ssw\u00f6rd\u20ac"));
		String authorization = onlyRequest().getHeader("Authorization");
		assertThat(authorization).isEqualTo("Basic c2F0LWNsaWVudDpww6Rzc3fDtnJk4oKs");
		byte[] utf8 = { 's', 'a', 't', '-', 'c', 'l', 'i', 'e', 'n', 't', ':', 'p', (byte) 0xc3, (byte) 0xa4, 's', 's',
				'w', (byte) 0xc3, (byte) 0xb6, 'r', 'd', (byte) 0xe2, (byte) 0x82, (byte) 0xac };
		assertThat(Base64.getDecoder().decode(authorization.substring("Basic ".length()))).isEqualTo(utf8);
	}

	@Test
	void getTokenResponseWhenTokenTypeMissingThenBearer() {
		String jwt = jwt(Instant.now().plusSeconds(1800));
		answer(json(200, "{\"access_token\":\"" + jwt + "\",\"expires_in\":1800}"));
		OAuth2AccessToken token = client().getTokenResponse(grantRequest(CLIENT_SECRET)).getAccessToken();
		assertThat(token.getTokenValue()).isEqualTo(jwt);
		assertThat(token.getTokenType()).isEqualTo(TokenType.BEARER);
	}

	@Test
	void getTokenResponseWhenTokenTypeLowerCaseThenBearer() {
		String jwt = jwt(Instant.now().plusSeconds(1800));
		answer(json(200, "{\"access_token\":\"" + jwt + "\",\"token_type\":\"bearer\",\"expires_in\":1800}"));
		OAuth2AccessToken token = client().getTokenResponse(grantRequest(CLIENT_SECRET)).getAccessToken();
		assertThat(token.getTokenValue()).isEqualTo(jwt);
		assertThat(token.getTokenType()).isEqualTo(TokenType.BEARER);
		assertThat(token.getTokenType().getValue()).isEqualTo("Bearer");
	}

	@Test
	void getTokenResponseWhenExpiresInIsNumericStringThenReadAsSeconds() {
		String body = "{\"access_token\":\"" + OPAQUE_TOKEN + "\",\"token_type\":\"Bearer\",\"expires_in\":\"1800\"}";
		answer(json(200, body));
		TalendTokenClient client = client();
		client.setClock(Clock.fixed(Instant.parse("2026-03-01T08:00:00Z"), ZoneOffset.UTC));
		client.setDefaultLifetime(Duration.ofMinutes(10));
		OAuth2AccessToken token = client.getTokenResponse(grantRequest(CLIENT_SECRET)).getAccessToken();
		assertThat(Duration.between(token.getIssuedAt(), token.getExpiresAt())).isEqualTo(Duration.ofSeconds(1800));
	}

	@Test
	void getTokenResponseWhenExpiresInMissingAndTokenIsJwtThenExpiryFromExpClaim() {
		Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		Instant exp = now.plusSeconds(900);
		String jwt = jwt(exp);
		answer(json(200, "{\"access_token\":\"" + jwt + "\",\"token_type\":\"Bearer\"}"));
		TalendTokenClient client = client();
		client.setClock(Clock.fixed(now, ZoneOffset.UTC));
		OAuth2AccessToken token = client.getTokenResponse(grantRequest(CLIENT_SECRET)).getAccessToken();
		assertThat(Duration.between(token.getIssuedAt(), token.getExpiresAt())).isEqualTo(Duration.ofSeconds(900));
		assertThat(token.getExpiresAt()).isCloseTo(exp, within(5, ChronoUnit.SECONDS));
	}

	@Test
	void getTokenAsyncWhenJwtExpiresBeforeExpiresInSaysThenExpClaimWinsToTheMillisecond() {
		Instant now = Instant.parse("2026-03-01T08:00:00.600Z");
		// A server that dates its JWTs in whole seconds: exp is 0.6 s earlier than
		// expires_in says.
		String jwt = jwt(Instant.parse("2026-03-01T08:30:00Z"));
		answer(json(200, "{\"access_token\":\"" + jwt + "\",\"expires_in\":1800}"));
		TalendTokenClient client = client();
		client.setClock(Clock.fixed(now, ZoneOffset.UTC));
		OAuth2AccessToken token = client.getTokenAsync(grantRequest(CLIENT_SECRET)).join();
		assertThat(token.getIssuedAt()).isEqualTo(now);
		assertThat(token.getExpiresAt()).isEqualTo(Instant.parse("2026-03-01T08:30:00Z"));
	}

	@Test
	void getTokenAsyncWhenJwtExpiresAfterExpiresInSaysThenExpiresInWins() {
		Instant now = Instant.parse("2026-03-01T08:00:00Z");
		String jwt = jwt(Instant.parse("2026-03-01T09:00:00Z"));
		answer(json(200, "{\"access_token\":\"" + jwt + "\",\"expires_in\":1800}"));
		TalendTokenClient client = client();
		client.setClock(Clock.fixed(now, ZoneOffset.UTC));
		OAuth2AccessToken token = client.getTokenAsync(grantRequest(CLIENT_SECRET)).join();
		assertThat(token.getExpiresAt()).isEqualTo(now.plusSeconds(1800));
	}

	@Test
	void getTokenResponseWhenExpiresInMissingAndTokenIsNotJwtThenDefaultLifetime() {
		answer(json(200, "{\"access_token\":\"" + OPAQUE_TOKEN + "\",\"token_type\":\"Bearer\"}"));
		OAuth2AccessToken token = client().getTokenResponse(grantRequest(CLIENT_SECRET)).getAccessToken();
		assertThat(Duration.between(token.getIssuedAt(), token.getExpiresAt())).isEqualTo(Duration.ofMinutes(30));
		assertThat(token.getExpiresAt()).isAfter(Instant.now());
	}

	@Test
	void getTokenResponseWhenExpiresInMissingAndDefaultLifetimeSetThenThatLifetime() {
		answer(json(200, "{\"access_token\":\"" + OPAQUE_TOKEN + "\"}"));
		TalendTokenClient client = client();
		client.setDefaultLifetime(Duration.ofMinutes(7));
		OAuth2AccessToken token = client.getTokenResponse(grantRequest(CLIENT_SECRET)).getAccessToken();
		assertThat(Duration.between(token.getIssuedAt(), token.getExpiresAt())).isEqualTo(Duration.ofMinutes(7));
	}

	@Test
	void getTokenResponseWhenExpiresInMissingAndJwtAlreadyExpiredThenDefaultLifetimeNotExpiredAtOnce() {
		String jwt = jwt(Instant.now().minusSeconds(60));
		answer(json(200, "{\"access_token\":\"" + jwt + "\"}"));
		OAuth2AccessToken token = client().getTokenResponse(grantRequest(CLIENT_SECRET)).getAccessToken();
		assertThat(Duration.between(token.getIssuedAt(), token.getExpiresAt())).isEqualTo(Duration.ofMinutes(30));
		assertThat(token.getExpiresAt()).isAfter(Instant.now());
	}

	@Test
	void getTokenResponseWhenResponseHasExtraMembersOfEveryJsonTypeThenIgnored() {
		String jwt = jwt(Instant.now().plusSeconds(3600));
		String extras = "\"scope\":\"a b\",\"meta\":{\"x\":[1,2]},\"n\":null,\"flag\":true,\"ratio\":0.5,"
				+ "\"list\":[\"s\",{\"k\":false}],\"text\":\"t\"";
		answer(json(200,
				"{\"access_token\":\"" + jwt + "\",\"token_type\":\"Bearer\",\"expires_in\":1800," + extras + "}"));
		OAuth2AccessTokenResponse response = client().getTokenResponse(grantRequest(CLIENT_SECRET));
		OAuth2AccessToken token = response.getAccessToken();
		assertThat(token.getTokenValue()).isEqualTo(jwt);
		assertThat(token.getTokenType()).isEqualTo(TokenType.BEARER);
		assertThat(token.getScopes()).containsExactly("a", "b");
		assertThat(Duration.between(token.getIssuedAt(), token.getExpiresAt())).isEqualTo(Duration.ofSeconds(1800));
	}

	@Test
	void getTokenResponseWhenAccessTokenMissingThenInvalidResponseNamingField() {
		answer(json(200, "{\"token_type\":\"Bearer\",\"expires_in\":1800}"));
		TalendTokenException ex = failure(client());
		assertThat(ex.getReason()).isEqualTo(Reason.INVALID_RESPONSE);
		assertThat(ex.getStatusCode()).isEqualTo(200);
		assertThat(ex.getMessage()).contains("access_token");
	}

	@Test
	void getTokenResponseWhenBadGatewayHtmlThenServerErrorWithStatusTypeAndExcerpt() {
		answer(aResponse().withStatus(502)
			.withHeader("Content-Type", "text/html")
			.withBody("<html>Bad Gateway</html>"));
		TalendTokenException ex = failure(client());
		assertThat(ex.getReason()).isEqualTo(Reason.SERVER_ERROR);
		assertThat(ex.getStatusCode()).isEqualTo(502);
		assertThat(ex.isTransient()).isTrue();
		assertThat(ex.getMessage()).contains("502", "text/html", "Bad Gateway");
	}

	@Test
	void getTokenResponseWhenUnauthorizedThenCredentialsRejectedNamingClientIdProperty() {
		answer(json(401, "{\"status\":401,\"message\":\"Unauthorized\"}"));
		TalendTokenException ex = failure(client());
		assertThat(ex.getReason()).isEqualTo(Reason.CREDENTIALS_REJECTED);
		assertThat(ex.getStatusCode()).isEqualTo(401);
		assertThat(ex.isTransient()).isFalse();
		assertThat(ex.getMessage()).contains("talend.service-account.client-id")
			.doesNotContain(CLIENT_SECRET, BASIC_CREDENTIAL);
	}

	@Test
	void getTokenResponseWhenUnauthorizedAndPropertyPrefixSetThenNamesThatProperty() {
		answer(json(401, "{\"status\":401,\"message\":\"Unauthorized\"}"));
		TalendTokenClient client = client();
		client.setPropertyPrefix("acme.talend.accounts.reports");
		TalendTokenException ex = failure(client);
		assertThat(ex.getMessage()).contains("acme.talend.accounts.reports.client-id")
			.doesNotContain("talend.service-account");
	}

	@Test
	void getTokenResponseWhenForbiddenThenPermissionDeniedWithDistinctMessage() {
		answer(json(403, "{\"status\":403,\"message\":\"Forbidden\"}"));
		TalendTokenException ex = failure(client());
		assertThat(ex.getReason()).isEqualTo(Reason.PERMISSION_DENIED);
		assertThat(ex.getStatusCode()).isEqualTo(403);
		assertThat(ex.isTransient()).isFalse();
		assertThat(ex.getMessage()).contains("permission").doesNotContain("client-id", "client-secret");
	}

	@Test
	@Timeout(value = 4, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
	void getTokenResponseWhenEndpointAnswersLaterThanReadTimeoutThenTimeout() {
		answer(json(200, "{\"access_token\":\"" + OPAQUE_TOKEN + "\"}").withFixedDelay(5000));
		TalendTokenClient client = new TalendTokenClient(AUDIENCE, Duration.ofSeconds(2), Duration.ofMillis(300));
		TalendTokenException ex = failure(client);
		assertThat(ex.getReason()).isEqualTo(Reason.TIMEOUT);
		assertThat(ex.getStatusCode()).isZero();
		assertThat(ex.getMessage()).contains("in time");
	}

	@Test
	void getTokenResponseWhenBodyStallsAfterHeadersThenTimeoutAfterReadTimeout() {
		answer(json(200, "{\"access_token\":\"" + OPAQUE_TOKEN + "\",\"expires_in\":1800}").withChunkedDribbleDelay(4,
				20_000));
		TalendTokenClient client = new TalendTokenClient(AUDIENCE, Duration.ofSeconds(2), Duration.ofMillis(300));
		TalendTokenException ex = failure(client);
		assertThat(ex.getReason()).isEqualTo(Reason.TIMEOUT);
		assertThat(ex.getStatusCode()).isZero();
		assertThat(ex.getMessage()).contains("in time");
	}

	@Test
	void getTokenResponseWhenNothingListensThenUnreachable() throws IOException {
		int port;
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			port = socket.getLocalPort();
		}
		TalendTokenException ex = failure(client(),
				grantRequest(CLIENT_SECRET, "http://127.0.0.1:" + port + TOKEN_PATH));
		assertThat(ex.getReason()).isEqualTo(Reason.UNREACHABLE);
		assertThat(ex.getStatusCode()).isZero();
		assertThat(ex.getMessage()).contains("127.0.0.1:" + port);
	}

	@Test
	void getTokenResponseWhenSuccessBodyIsJsonStringThenInvalidResponseWithoutQuotingBody() {
		answer(json(200, "\"" + OPAQUE_TOKEN + "\""));
		TalendTokenException ex = failure(client());
		assertThat(ex.getReason()).isEqualTo(Reason.INVALID_RESPONSE);
		assertThat(ex.getMessage()).contains("application/json").doesNotContain(OPAQUE_TOKEN);
	}

	@Test
	void getTokenResponseWhenSuccessBodyIsHtmlThenInvalidResponseWithoutQuotingBody() {
		answer(aResponse().withStatus(200)
			.withHeader("Content-Type", "text/html")
			.withBody("<html>" + OPAQUE_TOKEN + "</html>"));
		TalendTokenException ex = failure(client());
		assertThat(ex.getReason()).isEqualTo(Reason.INVALID_RESPONSE);
		assertThat(ex.getMessage()).contains("text/html").doesNotContain(OPAQUE_TOKEN, "<html>");
	}

	@Test
	void getTokenResponseWhenTokenTypeIsNotBearerThenInvalidResponse() {
		answer(json(200, MAC_TOKEN_RESPONSE));
		TalendTokenException ex = failure(client());
		assertThat(ex.getReason()).isEqualTo(Reason.INVALID_RESPONSE);
		assertThat(ex.getMessage()).contains("mac").doesNotContain(OPAQUE_TOKEN);
	}

	@Test
	void getTokenResponseWhenErrorBodyEchoesCredentialsThenExcerptRedactsThem() {
		answer(aResponse().withStatus(400)
			.withHeader("Content-Type", "text/plain")
			.withBody("bad request; you sent Authorization: Basic " + BASIC_CREDENTIAL + " secret=" + CLIENT_SECRET
					+ " encoded=" + CLIENT_SECRET));
		TalendTokenException ex = failure(client());
		assertThat(ex.getReason()).isEqualTo(Reason.REQUEST_REJECTED);
		assertThat(ex.getMessage()).contains("bad request")
			.contains("[redacted]")
			.doesNotContain(CLIENT_SECRET)
			.doesNotContain(BASIC_CREDENTIAL);
	}

	@Test
	void getTokenResponseWhenErrorBodyEchoesUrlEncodedSecretThenExcerptRedactsIt() {
		String secret = "a+b/c= %";
		answer(aResponse().withStatus(400).withBody("client_secret=a%2Bb%2Fc%3D+%25"));
		TalendTokenException ex = failure(client(), grantRequest(secret));
		assertThat(ex.getMessage()).contains("client_secret=[redacted]").doesNotContain("a%2Bb%2Fc%3D+%25");
	}

	@ParameterizedTest
	@ValueSource(strings = { "\"Infinity\"", "1e300", "9223372036854775807", "\"NaN\"", "-5", "0", "\"soon\"" })
	void getTokenResponseWhenExpiresInImplausibleThenDefaultLifetime(String expiresIn) {
		answer(json(200, "{\"access_token\":\"" + OPAQUE_TOKEN + "\",\"expires_in\":" + expiresIn + "}"));
		OAuth2AccessToken token = client().getTokenResponse(grantRequest(CLIENT_SECRET)).getAccessToken();
		assertThat(Duration.between(token.getIssuedAt(), token.getExpiresAt())).isEqualTo(Duration.ofMinutes(30));
	}

	@Test
	void getTokenResponseWhenExpClaimIsInMillisecondsThenDefaultLifetime() {
		Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		String jwt = jwt(Instant.ofEpochSecond(now.plusSeconds(900).toEpochMilli()));
		answer(json(200, "{\"access_token\":\"" + jwt + "\"}"));
		TalendTokenClient client = client();
		client.setClock(Clock.fixed(now, ZoneOffset.UTC));
		OAuth2AccessToken token = client.getTokenResponse(grantRequest(CLIENT_SECRET)).getAccessToken();
		assertThat(Duration.between(token.getIssuedAt(), token.getExpiresAt())).isEqualTo(Duration.ofMinutes(30));
	}

	@Test
	void getTokenResponseWhenExpClaimIsMoreThan366DaysAwayThenDefaultLifetime() {
		Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		String jwt = jwt(now.plus(Duration.ofDays(366)).plusSeconds(1));
		answer(json(200, "{\"access_token\":\"" + jwt + "\"}"));
		TalendTokenClient client = client();
		client.setClock(Clock.fixed(now, ZoneOffset.UTC));
		OAuth2AccessToken token = client.getTokenResponse(grantRequest(CLIENT_SECRET)).getAccessToken();
		assertThat(Duration.between(token.getIssuedAt(), token.getExpiresAt())).isEqualTo(Duration.ofMinutes(30));
	}

	@Test
	void getTokenResponseWhenExpClaimIsExactly366DaysAwayThenThatLifetime() {
		Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		String jwt = jwt(now.plus(Duration.ofDays(366)));
		answer(json(200, "{\"access_token\":\"" + jwt + "\"}"));
		TalendTokenClient client = client();
		client.setClock(Clock.fixed(now, ZoneOffset.UTC));
		OAuth2AccessToken token = client.getTokenResponse(grantRequest(CLIENT_SECRET)).getAccessToken();
		assertThat(Duration.between(token.getIssuedAt(), token.getExpiresAt())).isEqualTo(Duration.ofDays(366));
	}

	@ParameterizedTest
	@ValueSource(strings = { "zqx\r\nX-Injected: yes", "zqx yz", "zqx\tyz", "zqx\u00e9yz", "zqx\u007fyz", "zqx\u0000yz",
			"zqx\u2028yz" })
	void getTokenResponseWhenAccessTokenHasCharactersOutsideVisibleAsciiThenInvalidResponseWithoutQuotingIt(
			String tokenValue) {
		answer(json(200, JSON.writeValueAsString(Map.of("access_token", tokenValue, "expires_in", 1800))));
		TalendTokenException ex = failure(client());
		assertThat(ex.getReason()).isEqualTo(Reason.INVALID_RESPONSE);
		assertThat(ex.getStatusCode()).isEqualTo(200);
		assertThat(ex.getMessage())
			.isEqualTo("Talend Cloud answered the token request from " + tokenUri()
					+ " with an 'access_token' that cannot be sent in an Authorization header: it holds characters "
					+ "other than visible ASCII, such as spaces, line breaks or non-ASCII letters")
			.doesNotContain("zqx");
	}

	@Test
	void getTokenResponseWhenAccessTokenIsAllVisibleAsciiThenAccepted() {
		String tokenValue = "!\"#$%&'()*+,-./0-9:;<=>?@A-Z[\\]^_`a-z{|}~";
		answer(json(200, JSON.writeValueAsString(Map.of("access_token", tokenValue))));
		assertThat(client().getTokenResponse(grantRequest(CLIENT_SECRET)).getAccessToken().getTokenValue())
			.isEqualTo(tokenValue);
	}

	@Test
	void getTokenResponseWhenSuccessBodyIsExactlyOneMebibyteThenAccepted() {
		answer(json(200, tokenResponseOfSize(MAX_BODY_SIZE)));
		assertThat(client().getTokenResponse(grantRequest(CLIENT_SECRET)).getAccessToken().getTokenValue())
			.isEqualTo(OPAQUE_TOKEN);
	}

	@Test
	void getTokenResponseWhenSuccessBodyIsLargerThanOneMebibyteThenInvalidResponseSayingSo() {
		answer(json(200, tokenResponseOfSize(MAX_BODY_SIZE + 1)));
		TalendTokenException ex = failure(client());
		assertThat(ex.getReason()).isEqualTo(Reason.INVALID_RESPONSE);
		assertThat(ex.getStatusCode()).isEqualTo(200);
		assertThat(ex.getMessage()).isEqualTo("Talend Cloud answered the token request from " + tokenUri()
				+ " with HTTP 200 and a body too large for a token response (content type application/json, "
				+ "over 1048576 bytes)");
	}

	@Test
	void getTokenResponseWhenErrorBodyIsLargerThanOneMebibyteThenItsStatusReasonSayingSo() {
		answer(aResponse().withStatus(502)
			.withHeader("Content-Type", "text/html")
			.withBody("x".repeat(2 * MAX_BODY_SIZE)));
		TalendTokenException ex = failure(client());
		assertThat(ex.getReason()).isEqualTo(Reason.SERVER_ERROR);
		assertThat(ex.getStatusCode()).isEqualTo(502);
		assertThat(ex.isTransient()).isTrue();
		assertThat(ex.getMessage()).isEqualTo("Talend Cloud answered the token request from " + tokenUri()
				+ " with HTTP 502 (content type text/html, body too large to read: over 1048576 bytes)");
	}

	@Test
	@Timeout(value = 20, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
	void getTokenResponseWhenChunkedBodyNeverEndsThenInvalidResponseAndConnectionDropped() throws Exception {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			Thread endless = new Thread(() -> answerWithEndlessBody(socket));
			endless.setDaemon(true);
			endless.start();
			TalendTokenException ex = failure(client(),
					grantRequest(CLIENT_SECRET, "http://127.0.0.1:" + socket.getLocalPort() + TOKEN_PATH));
			assertThat(ex.getReason()).isEqualTo(Reason.INVALID_RESPONSE);
			assertThat(ex.getMessage()).contains("body too large for a token response");
			endless.join(10_000);
			assertThat(endless.isAlive()).isFalse();
		}
	}

	/**
	 * Answer one request with a chunked body that ends only when the client hangs up.
	 */
	private static void answerWithEndlessBody(ServerSocket serverSocket) {
		try (Socket socket = serverSocket.accept()) {
			InputStream in = socket.getInputStream();
			int last = 0;
			while (last != 0x0d0a0d0a) {
				int next = in.read();
				if (next < 0) {
					return;
				}
				last = (last << 8) | next;
			}
			OutputStream out = socket.getOutputStream();
			out.write("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
				.getBytes(StandardCharsets.US_ASCII));
			byte[] chunk = ("10000\r\n" + "a".repeat(0x10000) + "\r\n").getBytes(StandardCharsets.US_ASCII);
			while (!Thread.currentThread().isInterrupted()) {
				out.write(chunk);
			}
		}
		catch (IOException ex) {
			// The client hung up, as it should.
		}
	}

	private static String tokenResponseOfSize(int size) {
		String start = "{\"access_token\":\"" + OPAQUE_TOKEN + "\",\"pad\":\"";
		String end = "\"}";
		return start + "p".repeat(size - start.length() - end.length()) + end;
	}

	private String tokenUri() {
		return "http://127.0.0.1:" + this.server.port() + TOKEN_PATH;
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("failingAnswers")
	void getTokenResponseWhenRequestFailsThenNoSecretCredentialOrTokenInMessage(String situation,
			ResponseDefinitionBuilder answer) {
		answer(answer);
		TalendTokenException ex = failure(client());
		List<String> secrets = List.of(CLIENT_SECRET, BASIC_CREDENTIAL, "Basic ", OPAQUE_TOKEN, jwtForMessages());
		assertThat(ex.getMessage()).doesNotContain(secrets);
		assertThat(ex.toString()).doesNotContain(secrets);
		assertThat(ex.getError().getDescription()).doesNotContain(secrets);
	}

	static Stream<Arguments> failingAnswers() {
		String jwt = jwtForMessages();
		return Stream.of(Arguments.of("401", json(401, "{\"status\":401,\"message\":\"Unauthorized\"}")),
				Arguments.of("403", json(403, "{\"status\":403,\"message\":\"Forbidden\"}")),
				Arguments.of("400", json(400, "{\"error\":\"invalid_request\"}")),
				Arguments.of("429", json(429, "{\"status\":429,\"message\":\"Too many requests\"}")),
				Arguments.of("502 html", aResponse().withStatus(502).withBody("<html>Bad Gateway</html>")),
				Arguments.of("500 echoing a JWT", json(500, "{\"message\":\"failed to issue " + jwt + "\"}")),
				Arguments.of("200 without access_token", json(200, "{\"token\":\"" + OPAQUE_TOKEN + "\"}")),
				Arguments.of("200 with mac token", json(200, MAC_TOKEN_RESPONSE)),
				Arguments.of("200 JSON string", json(200, "\"" + jwt + "\"")),
				Arguments.of("200 HTML", aResponse().withStatus(200).withBody("<p>" + OPAQUE_TOKEN + "</p>")),
				Arguments.of("200 empty", aResponse().withStatus(200)));
	}

	private void answer(ResponseDefinitionBuilder response) {
		this.server.stubFor(any(anyUrl()).willReturn(response));
	}

	private static ResponseDefinitionBuilder json(int status, String body) {
		return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
	}

	private LoggedRequest onlyRequest() {
		List<LoggedRequest> requests = this.server.findAll(anyRequestedFor(anyUrl()));
		assertThat(requests).hasSize(1);
		return requests.get(0);
	}

	private TalendTokenException failure(TalendTokenClient client) {
		return failure(client, grantRequest(CLIENT_SECRET));
	}

	static TalendTokenException failure(TalendTokenClient client, OAuth2ClientCredentialsGrantRequest grantRequest) {
		Throwable thrown = catchThrowable(() -> client.getTokenResponse(grantRequest));
		assertThat(thrown).isInstanceOf(TalendTokenException.class);
		return (TalendTokenException) thrown;
	}

	private static TalendTokenClient client() {
		return new TalendTokenClient(AUDIENCE);
	}

	private OAuth2ClientCredentialsGrantRequest grantRequest(String secret) {
		return grantRequest(secret, "http://127.0.0.1:" + this.server.port() + TOKEN_PATH);
	}

	static OAuth2ClientCredentialsGrantRequest grantRequest(String secret, String tokenUri) {
		ClientRegistration registration = ClientRegistration.withRegistrationId("talend")
			.clientId(CLIENT_ID)
			.clientSecret(secret)
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
			.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
			.tokenUri(tokenUri)
			.build();
		return new OAuth2ClientCredentialsGrantRequest(registration);
	}

	private static String jwtForMessages() {
		return jwt(Instant.parse("2026-03-01T08:30:00Z"));
	}

	static String jwt(Instant exp) {
		SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256),
				new JWTClaimsSet.Builder().subject(CLIENT_ID).expirationTime(Date.from(exp)).build());
		try {
			jwt.sign(new MACSigner("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8)));
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
		return jwt.serialize();
	}

}
