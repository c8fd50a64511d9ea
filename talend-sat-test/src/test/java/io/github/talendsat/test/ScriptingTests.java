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

import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import io.github.talendsat.test.TalendCloudEmulator.Account;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Tests of the scripted behaviour, the counters under concurrency and the lifecycle.
 */
class ScriptingTests {

	private static final String CLIENT_ID = "client-1";

	private static final String CLIENT_SECRET = "secret-1";

	private static final Duration PATIENCE = Duration.ofSeconds(20);

	private TalendCloudEmulator emulator;

	private TalendHttp http;

	@BeforeEach
	void setUp() {
		this.emulator = TalendCloudEmulator.builder().account(CLIENT_ID, CLIENT_SECRET).build().start();
		this.http = new TalendHttp(this.emulator);
	}

	@AfterEach
	void tearDown() {
		this.emulator.stop();
	}

	@Test
	void failTokenRequestsWhenScriptedThenRawAnswersCountedThenNormalAnswer() {
		this.emulator.failTokenRequests(2, 502, "text/html", "<html>Bad Gateway</html>");
		for (int i = 0; i < 2; i++) {
			HttpResponse<String> failed = this.http.requestToken(CLIENT_ID, CLIENT_SECRET);
			assertThat(failed.statusCode()).isEqualTo(502);
			assertThat(failed.headers().firstValue("Content-Type")).hasValue("text/html");
			assertThat(failed.body()).isEqualTo("<html>Bad Gateway</html>");
		}
		assertThat(this.http.requestToken(CLIENT_ID, CLIENT_SECRET).statusCode()).isEqualTo(200);
		assertThat(this.emulator.tokenRequests()).isEqualTo(3);
		assertThat(this.emulator.tokensIssued()).isEqualTo(1);
		assertThat(this.emulator.tokenRequestLog()).hasSize(3);
	}

	@Test
	void failTokenRequestsWhenUntilClearedThenFailsUntilCleared() {
		this.emulator.failTokenRequests(Integer.MAX_VALUE, 500, "application/json", "{\"status\":500}");
		for (int i = 0; i < 5; i++) {
			assertThat(this.http.requestToken(CLIENT_ID, CLIENT_SECRET).statusCode()).isEqualTo(500);
		}
		this.emulator.clearTokenFailures();
		assertThat(this.http.requestToken(CLIENT_ID, CLIENT_SECRET).statusCode()).isEqualTo(200);
		assertThat(this.emulator.tokenRequests()).isEqualTo(6);
	}

	@Test
	void failTokenRequestsWhenBodyAndContentTypeAbsentThenEmptyAnswer() {
		this.emulator.failTokenRequests(1, 500, null, null);
		HttpResponse<String> response = this.http.requestToken(CLIENT_ID, CLIENT_SECRET);
		assertThat(response.statusCode()).isEqualTo(500);
		assertThat(response.headers().firstValue("Content-Type")).isEmpty();
		assertThat(response.body()).isEmpty();
	}

	@Test
	void tokenDelayWhenSetThenAnswerTakesAtLeastTheDelay() {
		this.emulator.tokenDelay(Duration.ofMillis(300));
		long start = System.nanoTime();
		assertThat(this.http.requestToken(CLIENT_ID, CLIENT_SECRET).statusCode()).isEqualTo(200);
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
	}

	@Test
	void tokenEndpointHangsWhenClientTimesOutThenRequestCountedAndNeverAnswered() throws Exception {
		this.emulator.tokenEndpointHangs(true);
		CompletableFuture<HttpResponse<String>> pending = this.http.sendAsync(this.http
			.tokenRequest(TalendHttp.basic(CLIENT_ID, CLIENT_SECRET), "application/json", this.http.tokenBody())
			.timeout(Duration.ofMillis(500))
			.build());
		assertThat(this.emulator.awaitTokenRequests(1, PATIENCE)).isTrue();
		assertThat(pending).failsWithin(PATIENCE)
			.withThrowableOfType(ExecutionException.class)
			.withCauseInstanceOf(HttpTimeoutException.class);
		assertThat(this.emulator.tokenRequests()).isEqualTo(1);
		assertThat(this.emulator.tokensIssued()).isZero();
	}

	@Test
	void tokenEndpointHangsWhenEmulatorStoppedThenStopReturnsPromptly() throws Exception {
		this.emulator.tokenEndpointHangs(true);
		CompletableFuture<HttpResponse<String>> pending = this.http.sendAsync(this.http
			.tokenRequest(TalendHttp.basic(CLIENT_ID, CLIENT_SECRET), "application/json", this.http.tokenBody())
			.build());
		assertThat(this.emulator.awaitTokenRequests(1, PATIENCE)).isTrue();
		assertThat(pending).isNotDone();
		assertTimeoutPreemptively(Duration.ofSeconds(5), this.emulator::stop);
		assertThat(this.emulator.isRunning()).isFalse();
		pending.handle((response, failure) -> null).get(5, TimeUnit.SECONDS);
	}

	@Test
	void tokenEndpointHangsWhenTurnedOffThenHeldRequestsAnswered() throws Exception {
		this.emulator.tokenEndpointHangs(true);
		CompletableFuture<HttpResponse<String>> pending = this.http.sendAsync(this.http
			.tokenRequest(TalendHttp.basic(CLIENT_ID, CLIENT_SECRET), "application/json", this.http.tokenBody())
			.build());
		assertThat(this.emulator.awaitTokenRequests(1, PATIENCE)).isTrue();
		this.emulator.tokenEndpointHangs(false);
		assertThat(pending.get(PATIENCE.toSeconds(), TimeUnit.SECONDS).statusCode()).isEqualTo(200);
	}

	@Test
	void tokenEndpointWhenSixtyFourRequestsHeldThenAllAreServedAtOnce() throws Exception {
		this.emulator.tokenEndpointHangs(true);
		List<CompletableFuture<HttpResponse<String>>> pending = new ArrayList<>();
		for (int i = 0; i < 64; i++) {
			pending.add(this.http.sendAsync(this.http
				.tokenRequest(TalendHttp.basic(CLIENT_ID, CLIENT_SECRET), "application/json", this.http.tokenBody())
				.build()));
		}
		assertThat(this.emulator.awaitTokenRequests(64, PATIENCE)).isTrue();
		this.emulator.tokenEndpointHangs(false);
		for (CompletableFuture<HttpResponse<String>> response : pending) {
			assertThat(response.get(PATIENCE.toSeconds(), TimeUnit.SECONDS).statusCode()).isEqualTo(200);
		}
		assertThat(this.emulator.tokenRequests()).isEqualTo(64);
		assertThat(this.emulator.tokensIssued()).isEqualTo(64);
	}

	@Test
	void countersWhenHundredConcurrentCallsThenExact() throws Exception {
		String token = this.http.token(CLIENT_ID, CLIENT_SECRET);
		this.emulator.rejectNextApiCalls(30);
		List<CompletableFuture<HttpResponse<String>>> pending = new ArrayList<>();
		for (int i = 0; i < 100; i++) {
			pending.add(this.http
				.sendAsync(this.http.apiRequest("/account/users").header("Authorization", "Bearer " + token).build()));
			pending.add(this.http.sendAsync(this.http
				.tokenRequest(TalendHttp.basic(CLIENT_ID, CLIENT_SECRET), "application/json", this.http.tokenBody())
				.build()));
		}
		int unauthorized = 0;
		for (CompletableFuture<HttpResponse<String>> response : pending) {
			if (response.get(PATIENCE.toSeconds(), TimeUnit.SECONDS).statusCode() == 401) {
				unauthorized++;
			}
		}
		assertThat(unauthorized).isEqualTo(30);
		assertThat(this.emulator.apiCalls()).isEqualTo(100);
		assertThat(this.emulator.rejectedApiCalls()).isEqualTo(30);
		assertThat(this.emulator.tokenRequests()).isEqualTo(101);
		assertThat(this.emulator.tokensIssued()).isEqualTo(101);
		assertThat(this.emulator.tokenRequestLog()).hasSize(101);
		assertThat(this.emulator.apiRequestLog()).hasSize(100);
	}

	@Test
	void resetWhenCalledThenCountersScriptsAndClockBackToStartAndAccountsKept() {
		this.emulator.addAccount("client-2", "secret-2");
		String token = this.http.token(CLIENT_ID, CLIENT_SECRET);
		this.http.get("/account/users", token);
		this.emulator.failTokenRequests(Integer.MAX_VALUE, 503, null, null);
		this.emulator.tokenResponseBody("{}");
		this.emulator.tokenLifetime(Duration.ofSeconds(5));
		this.emulator.rejectNextApiCalls(Integer.MAX_VALUE);
		this.emulator.failNextApiCalls(Integer.MAX_VALUE, 500, null, null);
		this.emulator.advanceClock(Duration.ofHours(1));
		this.emulator.reset();
		assertThat(this.emulator.tokenRequests()).isZero();
		assertThat(this.emulator.tokensIssued()).isZero();
		assertThat(this.emulator.apiCalls()).isZero();
		assertThat(this.emulator.tokenRequestLog()).isEmpty();
		assertThat(this.emulator.apiRequestLog()).isEmpty();
		assertThat(this.emulator.tokensSeen()).isEmpty();
		assertThat(TalendHttp.json(this.http.requestToken("client-2", "secret-2").body())).containsEntry("expires_in",
				1800L);
		assertThat(this.http.get("/account/users", token).statusCode()).isEqualTo(200);
	}

	@Test
	void stopWhenStartedAgainThenRefusesConnectionsMeanwhileAndServesOnSamePort() {
		int port = this.emulator.port();
		String token = this.http.token(CLIENT_ID, CLIENT_SECRET);
		this.emulator.stop();
		assertThat(this.emulator.baseUrl()).isEqualTo("http://127.0.0.1:" + port);
		assertThatExceptionOfType(UncheckedIOException.class)
			.isThrownBy(() -> this.http.requestToken(CLIENT_ID, CLIENT_SECRET))
			.withCauseInstanceOf(ConnectException.class);
		this.emulator.start();
		assertThat(this.emulator.port()).isEqualTo(port);
		assertThat(this.http.get("/account/users", token).statusCode()).isEqualTo(200);
	}

	@Test
	void portWhenNotStartedThenIllegalState() {
		TalendCloudEmulator unstarted = TalendCloudEmulator.builder().build();
		assertThatExceptionOfType(IllegalStateException.class).isThrownBy(unstarted::baseUrl)
			.withMessage("TalendCloudEmulator has no port yet; call start() first");
	}

	@Test
	void accountWhenAddedWithSameIdThenReplacesSecret() {
		this.emulator.addAccount(Account.of(CLIENT_ID, "rotated"));
		assertThat(this.http.requestToken(CLIENT_ID, CLIENT_SECRET).statusCode()).isEqualTo(401);
		assertThat(this.http.requestToken(CLIENT_ID, "rotated").statusCode()).isEqualTo(200);
	}

}
