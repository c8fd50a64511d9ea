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
package io.github.talendsat.test;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Map;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.github.talendsat.test.TalendCloudEmulator.Account;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of the token endpoint, {@code POST /security/oauth/token}.
 */
class TokenEndpointTests {

	private static final String CLIENT_ID = "client-1";

	private static final String CLIENT_SECRET = "secret-1";

	/**
	 * A secret whose every special character changes under form-encoding.
	 */
	private static final String AWKWARD_SECRET = "a+b/c= %";

	@RegisterExtension
	static TalendCloudEmulatorExtension talend = TalendCloudEmulatorExtension.withAccount(CLIENT_ID, CLIENT_SECRET);

	private TalendCloudEmulator emulator;

	private TalendHttp http;

	@BeforeEach
	void setUp(TalendCloudEmulator emulator) {
		this.emulator = emulator;
		this.http = new TalendHttp(emulator);
	}

	@Test
	void tokenRequestWhenValidThenIssuesSignedJwtWithExpiry() throws Exception {
		HttpResponse<String> response = this.http.requestToken(CLIENT_ID, CLIENT_SECRET);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
		assertThat(response.headers().firstValue("Cache-Control")).hasValue("no-store");
		Map<String, Object> body = TalendHttp.json(response.body());
		assertThat(body).containsOnlyKeys("access_token", "token_type", "expires_in")
			.containsEntry("token_type", "Bearer")
			.containsEntry("expires_in", 1800L);
		SignedJWT jwt = SignedJWT.parse((String) body.get("access_token"));
		JWTClaimsSet claims = jwt.getJWTClaimsSet();
		assertThat(jwt.getHeader().getAlgorithm().getName()).isEqualTo("HS256");
		assertThat(claims.getSubject()).isEqualTo(CLIENT_ID);
		assertThat(claims.getAudience()).containsExactly(this.emulator.baseUrl());
		assertThat(claims.getIssuer()).isEqualTo(this.emulator.baseUrl());
		assertThat(claims.getJWTID()).isNotBlank();
		assertThat(Duration.between(claims.getIssueTime().toInstant(), claims.getExpirationTime().toInstant()))
			.isEqualTo(Duration.ofMinutes(30));
		assertThat(this.emulator.tokenRequests()).isEqualTo(1);
		assertThat(this.emulator.tokensIssued()).isEqualTo(1);
	}

	@Test
	void tokenRequestWhenClientOffersHttp2UpgradeThenAnswersOverHttp11() {
		// The JDK client's default version offers an h2c upgrade on plain http.
		HttpClient client = HttpClient.newHttpClient();
		HttpRequest request = this.http
			.tokenRequest(TalendHttp.basic(CLIENT_ID, CLIENT_SECRET), "application/json", this.http.tokenBody())
			.build();
		HttpResponse<String> response = client.sendAsync(request, HttpResponse.BodyHandlers.ofString()).join();
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
		assertThat(this.emulator.tokenRequestLog().get(0).bodyAsString()).isEqualTo(this.http.tokenBody());
	}

	@Test
	void tokenRequestWhenIssuedTwiceThenTokensDiffer() {
		assertThat(this.http.token(CLIENT_ID, CLIENT_SECRET)).isNotEqualTo(this.http.token(CLIENT_ID, CLIENT_SECRET));
	}

	@Test
	void tokenRequestWhenSecretHasSpecialCharactersSentRawThenIssuesToken() {
		this.emulator.addAccount("client-2", AWKWARD_SECRET);
		assertThat(this.http.requestToken("client-2", AWKWARD_SECRET).statusCode()).isEqualTo(200);
	}

	@Test
	void tokenRequestWhenCredentialsFormEncodedBeforeBase64ThenUnauthorized() {
		this.emulator.addAccount("client-2", AWKWARD_SECRET);
		String encodedSecret = URLEncoder.encode(AWKWARD_SECRET, StandardCharsets.UTF_8);
		HttpResponse<String> response = this.http.requestToken("client-2", encodedSecret);
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.body()).isEqualTo("{\"status\":401,\"message\":\"Unauthorized\"}");
		assertThat(this.emulator.tokensIssued()).isZero();
	}

	@Test
	void tokenRequestWhenSecretWrongThenUnauthorized() {
		assertThat(this.http.requestToken(CLIENT_ID, "wrong").statusCode()).isEqualTo(401);
	}

	@Test
	void tokenRequestWhenClientUnknownThenUnauthorized() {
		assertThat(this.http.requestToken("nobody", CLIENT_SECRET).statusCode()).isEqualTo(401);
	}

	@Test
	void tokenRequestWhenAuthorizationMissingThenUnauthorized() {
		HttpRequest request = HttpRequest.newBuilder(URI.create(this.emulator.tokenUri()))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(this.http.tokenBody()))
			.build();
		assertThat(this.http.send(request).statusCode()).isEqualTo(401);
	}

	@Test
	void tokenRequestWhenAuthorizationNotBase64ThenUnauthorized() {
		HttpRequest request = this.http.tokenRequest("Basic not-base64!", "application/json", this.http.tokenBody())
			.build();
		assertThat(this.http.send(request).statusCode()).isEqualTo(401);
	}

	@Test
	void tokenRequestWhenSchemeInLowerCaseThenIssuesToken() {
		String authorization = TalendHttp.basic(CLIENT_ID, CLIENT_SECRET).replace("Basic", "basic");
		HttpRequest request = this.http.tokenRequest(authorization, "application/json", this.http.tokenBody()).build();
		assertThat(this.http.send(request).statusCode()).isEqualTo(200);
	}

	@Test
	void tokenRequestWhenBodyIsFormThenBadRequest() {
		String form = "grant_type=client_credentials&audience="
				+ URLEncoder.encode(this.emulator.baseUrl(), StandardCharsets.UTF_8);
		HttpResponse<String> response = this.http.send(this.http
			.tokenRequest(TalendHttp.basic(CLIENT_ID, CLIENT_SECRET), "application/x-www-form-urlencoded", form)
			.build());
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).isEqualTo("{\"status\":400,\"message\":\"Content-Type must be application/json\"}");
	}

	@Test
	void tokenRequestWhenFormBodyLabelledJsonThenBadRequest() {
		String form = "grant_type=client_credentials&audience=" + this.emulator.baseUrl();
		HttpResponse<String> response = this.http
			.send(this.http.tokenRequest(TalendHttp.basic(CLIENT_ID, CLIENT_SECRET), "application/json", form).build());
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(response.body()).isEqualTo("{\"status\":400,\"message\":\"Request body must be a JSON object\"}");
	}

	@Test
	void tokenRequestWhenBodyIsJsonStringThenBadRequest() {
		String quoted = "\"" + this.http.tokenBody().replace("\"", "\\\"") + "\"";
		HttpResponse<String> response = this.http.send(
				this.http.tokenRequest(TalendHttp.basic(CLIENT_ID, CLIENT_SECRET), "application/json", quoted).build());
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(TalendHttp.json(response.body())).containsEntry("message", "Request body must be a JSON object");
	}

	@Test
	void tokenRequestWhenContentTypeHasCharsetThenIssuesToken() {
		HttpResponse<String> response = this.http.send(
				this.http
					.tokenRequest(TalendHttp.basic(CLIENT_ID, CLIENT_SECRET), "application/json; charset=UTF-8",
							this.http.tokenBody())
					.build());
		assertThat(response.statusCode()).isEqualTo(200);
	}

	@Test
	void tokenRequestWhenAudienceHasTrailingSlashThenBadRequest() {
		String body = "{\"audience\":\"" + this.emulator.baseUrl() + "/\",\"grant_type\":\"client_credentials\"}";
		HttpResponse<String> response = this.http
			.send(this.http.tokenRequest(TalendHttp.basic(CLIENT_ID, CLIENT_SECRET), "application/json", body).build());
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(TalendHttp.json(response.body())).containsEntry("message",
				"audience must be the API base URL " + this.emulator.baseUrl());
	}

	@Test
	void tokenRequestWhenAudienceIsAnotherRegionThenBadRequest() {
		String body = "{\"audience\":\"https://api.eu.cloud.talend.com\",\"grant_type\":\"client_credentials\"}";
		HttpResponse<String> response = this.http
			.send(this.http.tokenRequest(TalendHttp.basic(CLIENT_ID, CLIENT_SECRET), "application/json", body).build());
		assertThat(response.statusCode()).isEqualTo(400);
	}

	@Test
	void tokenRequestWhenAudienceMissingThenBadRequest() {
		String body = "{\"grant_type\":\"client_credentials\"}";
		HttpResponse<String> response = this.http
			.send(this.http.tokenRequest(TalendHttp.basic(CLIENT_ID, CLIENT_SECRET), "application/json", body).build());
		assertThat(response.statusCode()).isEqualTo(400);
	}

	@Test
	void tokenRequestWhenAudienceNamesLocalhostThenIssuesToken() throws Exception {
		String audience = "http://localhost:" + this.emulator.port();
		String body = "{\"grant_type\":\"client_credentials\",\"audience\":\"" + audience + "\"}";
		HttpResponse<String> response = this.http
			.send(this.http.tokenRequest(TalendHttp.basic(CLIENT_ID, CLIENT_SECRET), "application/json", body).build());
		assertThat(response.statusCode()).isEqualTo(200);
		String token = (String) TalendHttp.json(response.body()).get("access_token");
		assertThat(SignedJWT.parse(token).getJWTClaimsSet().getAudience()).containsExactly(audience);
	}

	@Test
	void tokenRequestWhenGrantTypeWrongThenBadRequest() {
		String body = "{\"audience\":\"" + this.emulator.baseUrl() + "\",\"grant_type\":\"password\"}";
		HttpResponse<String> response = this.http
			.send(this.http.tokenRequest(TalendHttp.basic(CLIENT_ID, CLIENT_SECRET), "application/json", body).build());
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(TalendHttp.json(response.body())).containsEntry("message", "grant_type must be client_credentials");
	}

	@Test
	void tokenRequestWhenBodyInvalidAndCredentialsWrongThenUnauthorized() {
		HttpResponse<String> response = this.http
			.send(this.http.tokenRequest(TalendHttp.basic(CLIENT_ID, "wrong"), "text/plain", "nonsense").build());
		assertThat(response.statusCode()).isEqualTo(401);
	}

	@Test
	void tokenRequestWhenAccountLacksManagePermissionThenForbidden() {
		this.emulator.addAccount(Account.of("reader", "reader-secret").withManageServiceAccount(false));
		HttpResponse<String> response = this.http.requestToken("reader", "reader-secret");
		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(response.body()).isEqualTo("{\"status\":403,\"message\":\"Forbidden\"}");
		assertThat(this.emulator.tokensIssued()).isZero();
	}

	@Test
	void tokenRequestWhenAccountRemovedThenUnauthorized() {
		this.emulator.addAccount("leaver", "leaver-secret");
		this.emulator.removeAccount("leaver");
		assertThat(this.http.requestToken("leaver", "leaver-secret").statusCode()).isEqualTo(401);
	}

	@Test
	void tokenRequestWhenMethodIsGetThenMethodNotAllowed() {
		HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(URI.create(this.emulator.tokenUri()))
			.header("Authorization", TalendHttp.basic(CLIENT_ID, CLIENT_SECRET))
			.GET()
			.build());
		assertThat(response.statusCode()).isEqualTo(405);
		assertThat(response.headers().firstValue("Allow")).hasValue("POST");
		assertThat(this.emulator.tokenRequests()).isEqualTo(1);
		assertThat(this.emulator.apiCalls()).isZero();
	}

	@Test
	void tokenRequestWhenLifetimeChangedThenExpiresInAndExpClaimFollow() throws Exception {
		this.emulator.tokenLifetime(Duration.ofSeconds(90));
		Map<String, Object> body = TalendHttp.json(this.http.requestToken(CLIENT_ID, CLIENT_SECRET).body());
		assertThat(body).containsEntry("expires_in", 90L);
		JWTClaimsSet claims = SignedJWT.parse((String) body.get("access_token")).getJWTClaimsSet();
		assertThat(Duration.between(claims.getIssueTime().toInstant(), claims.getExpirationTime().toInstant()))
			.isEqualTo(Duration.ofSeconds(90));
	}

	@Test
	void tokenRequestWhenClockFixedThenIssueTimeFollowsClock() throws Exception {
		Instant now = Instant.parse("2030-01-02T03:04:05Z");
		try (TalendCloudEmulator fixed = TalendCloudEmulator.builder()
			.account(CLIENT_ID, CLIENT_SECRET)
			.clock(Clock.fixed(now, ZoneOffset.UTC))
			.build()
			.start()) {
			String token = new TalendHttp(fixed).token(CLIENT_ID, CLIENT_SECRET);
			JWTClaimsSet claims = SignedJWT.parse(token).getJWTClaimsSet();
			assertThat(claims.getIssueTime()).isEqualTo(Date.from(now));
			assertThat(claims.getExpirationTime()).isEqualTo(Date.from(now.plus(Duration.ofMinutes(30))));
		}
	}

	@Test
	void tokenRequestWhenBodyReplacedThenAnswersExactlyThatBodyWithAFreshToken() {
		this.emulator.tokenResponseBody("{\"access_token\":\"${access_token}\",\"expires_in\":\"${expires_in}\"}");
		HttpResponse<String> response = this.http.requestToken(CLIENT_ID, CLIENT_SECRET);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
		assertThat(response.body())
			.matches("\\{\"access_token\":\"[\\w-]+\\.[\\w-]+\\.[\\w-]+\",\"expires_in\":\"1800\"}");
		String token = (String) TalendHttp.json(response.body()).get("access_token");
		assertThat(this.http.get("/account/users", token).statusCode()).isEqualTo(200);
		assertThat(this.emulator.tokensIssued()).isEqualTo(1);
	}

	@Test
	void tokenRequestWhenBodyReplacedWithoutTokenThenCountsNoIssue() {
		this.emulator.tokenResponseBody("{\"token_type\":\"Bearer\",\"expires_in\":1800}");
		HttpResponse<String> response = this.http.requestToken(CLIENT_ID, CLIENT_SECRET);
		assertThat(response.body()).isEqualTo("{\"token_type\":\"Bearer\",\"expires_in\":1800}");
		assertThat(this.emulator.tokensIssued()).isZero();
	}

	@Test
	void tokenRequestWhenBodyReplacementClearedThenNormalBodyAgain() {
		this.emulator.tokenResponseBody("{}");
		this.emulator.tokenResponseBody(null);
		assertThat(TalendHttp.json(this.http.requestToken(CLIENT_ID, CLIENT_SECRET).body()))
			.containsKey("access_token");
	}

	@Test
	void tokenRequestWhenBodyReplacedAndCredentialsWrongThenUnauthorized() {
		this.emulator.tokenResponseBody("{\"access_token\":\"x\"}");
		assertThat(this.http.requestToken(CLIENT_ID, "wrong").statusCode()).isEqualTo(401);
	}

	@Test
	void tokenRequestLogWhenRequestsMadeThenRecordsThemInOrderByteForByte() {
		this.http.requestToken(CLIENT_ID, CLIENT_SECRET);
		this.http.requestToken(CLIENT_ID, "wrong");
		List<RecordedRequest> log = this.emulator.tokenRequestLog();
		assertThat(log).hasSize(2);
		RecordedRequest first = log.get(0);
		assertThat(first.method()).isEqualTo("POST");
		assertThat(first.path()).isEqualTo("/security/oauth/token");
		assertThat(first.uri()).isEqualTo("/security/oauth/token");
		assertThat(first.query()).isNull();
		assertThat(first.header("authorization")).isEqualTo(TalendHttp.basic(CLIENT_ID, CLIENT_SECRET));
		assertThat(first.headerValues("CONTENT-TYPE")).containsExactly("application/json");
		assertThat(first.headers()).containsKey("Authorization");
		assertThat(first.bodyAsString()).isEqualTo(this.http.tokenBody());
		assertThat(first.body()).isEqualTo(this.http.tokenBody().getBytes(StandardCharsets.UTF_8));
		assertThat(first).hasToString("POST /security/oauth/token");
		assertThat(log.get(1).header("Authorization")).isEqualTo(TalendHttp.basic(CLIENT_ID, "wrong"));
	}

	@Test
	void tokenRequestWhenTalendVersionGivenThenIgnored() {
		HttpResponse<String> response = this.http
			.send(HttpRequest.newBuilder(URI.create(this.emulator.tokenUri() + "?talendVersion=2021-03"))
				.header("Authorization", TalendHttp.basic(CLIENT_ID, CLIENT_SECRET))
				.header("Content-Type", "application/json")
				.header("talend-version", "2021-03")
				.POST(HttpRequest.BodyPublishers.ofString(this.http.tokenBody()))
				.build());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(this.emulator.tokenRequestLog().get(0).query()).isEqualTo("talendVersion=2021-03");
	}

}
