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

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.util.JSONArrayUtils;
import io.github.talendsat.test.TalendCloudEmulator.Account;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests of the emulated Talend Cloud API and of its bearer token checks.
 */
class ApiTests {

	private static final String CLIENT_ID = "client-1";

	private static final String CLIENT_SECRET = "secret-1";

	private static final String INVALID_TOKEN_CHALLENGE = "Bearer error=\"invalid_token\"";

	private static final String UNAUTHORIZED_BODY = "{\"status\":401,\"message\":\"Bearer token is invalid or missing\"}";

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
	void apiCallWhenNoTokenThenUnauthorizedWithBearerChallenge() {
		HttpResponse<String> response = this.http.send(this.http.apiRequest("/account/users").GET().build());
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
		assertThat(response.body()).isEqualTo(UNAUTHORIZED_BODY);
		assertThat(this.emulator.apiCalls()).isEqualTo(1);
		assertThat(this.emulator.rejectedApiCalls()).isEqualTo(1);
		assertThat(this.emulator.tokenRequests()).isZero();
	}

	@Test
	void apiCallWhenBasicCredentialsSentThenUnauthorized() {
		HttpResponse<String> response = this.http.send(this.http.apiRequest("/account/users")
			.header("Authorization", TalendHttp.basic(CLIENT_ID, CLIENT_SECRET))
			.build());
		assertThat(response.statusCode()).isEqualTo(401);
	}

	@Test
	void apiCallWhenTokenIsNotAJwtThenInvalidToken() {
		assertInvalidToken(this.http.get("/account/users", "not-a-token"));
	}

	@Test
	void apiCallWhenTokenSignedByAnotherEmulatorThenInvalidToken() {
		String foreign;
		try (TalendCloudEmulator other = TalendCloudEmulator.builder()
			.account(CLIENT_ID, CLIENT_SECRET)
			.build()
			.start()) {
			foreign = new TalendHttp(other).token(CLIENT_ID, CLIENT_SECRET);
		}
		assertInvalidToken(this.http.get("/account/users", foreign));
	}

	@Test
	void apiCallWhenTokenTamperedThenInvalidToken() {
		String token = this.http.token(CLIENT_ID, CLIENT_SECRET);
		String tampered = token.substring(0, token.length() - 2) + (token.endsWith("AA") ? "BB" : "AA");
		assertInvalidToken(this.http.get("/account/users", tampered));
	}

	@Test
	void apiCallWhenTokenValidThenOk() {
		String token = this.http.token(CLIENT_ID, CLIENT_SECRET);
		HttpResponse<String> response = this.http.get("/account/users", token);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
		assertThat(response.headers().map().keySet())
			.noneMatch((name) -> name.toLowerCase().startsWith("matched-stub"));
		assertThat(this.emulator.rejectedApiCalls()).isZero();
		assertThat(this.emulator.tokensSeen()).containsExactly(token);
	}

	@Test
	void apiCallWhenClockPassesExpiryThenInvalidToken() {
		String token = this.http.token(CLIENT_ID, CLIENT_SECRET);
		this.emulator.advanceClock(Duration.ofMinutes(30).minusSeconds(1));
		assertThat(this.http.get("/account/users", token).statusCode()).isEqualTo(200);
		this.emulator.advanceClock(Duration.ofSeconds(1));
		assertInvalidToken(this.http.get("/account/users", token));
	}

	@Test
	void apiCallWhenTokensRevokedThenOldTokenInvalidAndNewTokenValid() {
		String old = this.http.token(CLIENT_ID, CLIENT_SECRET);
		this.emulator.revokeIssuedTokens();
		assertInvalidToken(this.http.get("/account/users", old));
		String renewed = this.http.token(CLIENT_ID, CLIENT_SECRET);
		assertThat(this.http.get("/account/users", renewed).statusCode()).isEqualTo(200);
		assertThat(this.emulator.tokensSeen()).containsExactly(old, renewed);
	}

	@Test
	void apiCallWhenResetAfterRevocationThenOldTokenValidAgain() {
		String token = this.http.token(CLIENT_ID, CLIENT_SECRET);
		this.emulator.revokeIssuedTokens();
		this.emulator.reset();
		assertThat(this.http.get("/account/users", token).statusCode()).isEqualTo(200);
	}

	@Test
	void apiCallWhenRejectionScriptedThenUnauthorizedOnceThenOk() {
		String token = this.http.token(CLIENT_ID, CLIENT_SECRET);
		this.emulator.rejectNextApiCalls(1);
		assertInvalidToken(this.http.postJson("/processing/executions", token, executionBody()));
		assertThat(this.http.postJson("/processing/executions", token, executionBody()).statusCode()).isEqualTo(201);
		assertThat(this.emulator.apiCalls()).isEqualTo(2);
		assertThat(this.emulator.rejectedApiCalls()).isEqualTo(1);
		List<RecordedRequest> log = this.emulator.apiRequestLog();
		assertThat(log).extracting(RecordedRequest::bodyAsString).containsExactly(executionBody(), executionBody());
	}

	@Test
	void apiCallWhenTwoRejectionsScriptedThenBothRejected() {
		String token = this.http.token(CLIENT_ID, CLIENT_SECRET);
		this.emulator.rejectNextApiCalls(2);
		assertInvalidToken(this.http.get("/account/users", token));
		assertInvalidToken(this.http.get("/account/users", token));
		assertThat(this.http.get("/account/users", token).statusCode()).isEqualTo(200);
		assertThat(this.emulator.rejectedApiCalls()).isEqualTo(2);
	}

	@Test
	void apiCallWhenRejectionScriptedButTokenMissingThenRejectionKept() {
		this.emulator.rejectNextApiCalls(1);
		this.http.send(this.http.apiRequest("/account/users").GET().build());
		assertInvalidToken(this.http.get("/account/users", this.http.token(CLIENT_ID, CLIENT_SECRET)));
	}

	@Test
	void apiCallWhenFailureScriptedThenRawAnswerThenNormal() {
		String token = this.http.token(CLIENT_ID, CLIENT_SECRET);
		this.emulator.failNextApiCalls(1, 429, "application/json",
				"{\"status\":429,\"message\":\"Too many requests\"}");
		HttpResponse<String> failed = this.http.get("/account/users", token);
		assertThat(failed.statusCode()).isEqualTo(429);
		assertThat(failed.body()).isEqualTo("{\"status\":429,\"message\":\"Too many requests\"}");
		assertThat(this.http.get("/account/users", token).statusCode()).isEqualTo(200);
		assertThat(this.emulator.rejectedApiCalls()).isZero();
	}

	@Test
	void apiCallWhenFailureScriptedUntilClearedThenFailsUntilCleared() {
		String token = this.http.token(CLIENT_ID, CLIENT_SECRET);
		this.emulator.failNextApiCalls(Integer.MAX_VALUE, 403, null, null);
		assertThat(this.http.get("/account/users", token).statusCode()).isEqualTo(403);
		assertThat(this.http.get("/account/users", token).statusCode()).isEqualTo(403);
		this.emulator.clearApiFailures();
		assertThat(this.http.get("/account/users", token).statusCode()).isEqualTo(200);
	}

	@Test
	void apiCallWhenOpaqueTokenAcceptedThenOkUntilRevoked() {
		this.emulator.acceptToken("opaque-token", CLIENT_ID);
		assertThat(this.http.get("/account/users", "opaque-token").statusCode()).isEqualTo(200);
		this.emulator.revokeIssuedTokens();
		assertInvalidToken(this.http.get("/account/users", "opaque-token"));
	}

	@Test
	void apiCallWhenMintedTokenUsedThenOk() {
		assertThat(this.http.get("/account/users", this.emulator.mintToken(CLIENT_ID)).statusCode()).isEqualTo(200);
		assertThat(this.emulator.tokensIssued()).isZero();
	}

	@Test
	void apiCallWhenPathUnknownThenNotFound() {
		HttpResponse<String> response = this.http.get("/orchestration/nothing",
				this.http.token(CLIENT_ID, CLIENT_SECRET));
		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(response.body()).isEqualTo("{\"status\":404,\"message\":\"Not Found\"}");
	}

	@Test
	void apiCallWhenPathUnknownAndTokenMissingThenUnauthorized() {
		assertThat(this.http.send(this.http.apiRequest("/nothing").GET().build()).statusCode()).isEqualTo(401);
	}

	@Test
	void apiCallWhenMethodWrongThenMethodNotAllowed() {
		String token = this.http.token(CLIENT_ID, CLIENT_SECRET);
		HttpResponse<String> response = this.http.postJson("/account/users", token, "{}");
		assertThat(response.statusCode()).isEqualTo(405);
		assertThat(response.headers().firstValue("Allow")).hasValue("GET");
	}

	@Test
	void apiCallWhenTalendVersionHeaderSentThenIgnored() {
		String token = this.http.token(CLIENT_ID, CLIENT_SECRET);
		HttpResponse<String> response = this.http.send(this.http.apiRequest("/account/users")
			.header("Authorization", "Bearer " + token)
			.header("talend-version", "2021-03")
			.build());
		assertThat(response.statusCode()).isEqualTo(200);
	}

	@Test
	void usersWhenListedThenJsonArrayOfUsers() throws Exception {
		HttpResponse<String> response = this.http.get("/account/users", this.http.token(CLIENT_ID, CLIENT_SECRET));
		List<Object> users = JSONArrayUtils.parse(response.body());
		assertThat(users).hasSize(2);
		assertThat(TalendHttp.object(users.get(0))).containsKeys("id", "login", "firstName", "lastName", "email");
	}

	@Test
	void workspacesWhenFilteredByEnvironmentNameThenOnlyMatchingWorkspaces() throws Exception {
		String token = this.http.token(CLIENT_ID, CLIENT_SECRET);
		HttpResponse<String> response = this.http.get("/orchestration/workspaces?query=environment.name==default",
				token);
		assertThat(response.statusCode()).isEqualTo(200);
		List<Object> workspaces = JSONArrayUtils.parse(response.body());
		assertThat(workspaces).hasSize(2)
			.allSatisfy((workspace) -> assertThat(TalendHttp.object(TalendHttp.object(workspace).get("environment")))
				.containsEntry("name", "default")
				.containsKey("id"));
		assertThat(workspaces).extracting((workspace) -> TalendHttp.object(workspace).get("name"))
			.containsExactly("Personal", "Shared");
	}

	@Test
	void workspacesWhenFilterPercentEncodedThenSameResult() throws Exception {
		String token = this.http.token(CLIENT_ID, CLIENT_SECRET);
		HttpResponse<String> response = this.http
			.get("/orchestration/workspaces?query=environment.name%3D%3Dproduction", token);
		assertThat(JSONArrayUtils.parse(response.body())).hasSize(1);
	}

	@Test
	void workspacesWhenNoFilterThenAllWorkspaces() throws Exception {
		HttpResponse<String> response = this.http.get("/orchestration/workspaces",
				this.http.token(CLIENT_ID, CLIENT_SECRET));
		List<Object> workspaces = JSONArrayUtils.parse(response.body());
		assertThat(workspaces).extracting((workspace) -> TalendHttp.object(workspace).get("id"))
			.containsExactlyElementsOf(this.emulator.workspaceIds());
	}

	@Test
	void workspacesWhenFilterUnsupportedThenBadRequest() {
		HttpResponse<String> response = this.http.get("/orchestration/workspaces?query=owner=out=x",
				this.http.token(CLIENT_ID, CLIENT_SECRET));
		assertThat(response.statusCode()).isEqualTo(400);
	}

	@Test
	void tasksWhenPagedThenHonoursLimitAndOffset() {
		String token = this.http.token(CLIENT_ID, CLIENT_SECRET);
		Map<String, Object> page = TalendHttp
			.json(this.http.get("/orchestration/executables/tasks?limit=5&offset=10", token).body());
		assertThat(page).containsEntry("limit", 5L).containsEntry("offset", 10L).containsEntry("total", 12L);
		assertThat(TalendHttp.array(page.get("items"))).extracting((task) -> TalendHttp.object(task).get("id"))
			.containsExactlyElementsOf(this.emulator.taskIds().subList(10, 12));
	}

	@Test
	void tasksWhenNoPagingParametersThenFirstPageWithDefaultLimit() {
		Map<String, Object> page = TalendHttp
			.json(this.http.get("/orchestration/executables/tasks", this.http.token(CLIENT_ID, CLIENT_SECRET)).body());
		assertThat(page).containsEntry("limit", 100L).containsEntry("offset", 0L).containsEntry("total", 12L);
		assertThat(TalendHttp.array(page.get("items"))).hasSize(12);
	}

	@Test
	void tasksWhenFilteredByWorkspaceThenOnlyItsTasks() {
		String workspaceId = this.emulator.workspaceIds().get(1);
		Map<String, Object> page = TalendHttp.json(
				this.http
					.get("/orchestration/executables/tasks?workspaceId=" + workspaceId + "&limit=2&offset=0",
							this.http.token(CLIENT_ID, CLIENT_SECRET))
					.body());
		assertThat(page).containsEntry("total", 4L);
		assertThat(TalendHttp.array(page.get("items"))).hasSize(2)
			.allSatisfy((task) -> assertThat(TalendHttp.object(TalendHttp.object(task).get("workspace")))
				.containsEntry("id", workspaceId));
	}

	@Test
	void tasksWhenLimitNotAPositiveNumberThenBadRequest() {
		String token = this.http.token(CLIENT_ID, CLIENT_SECRET);
		assertThat(this.http.get("/orchestration/executables/tasks?limit=0", token).statusCode()).isEqualTo(400);
		assertThat(this.http.get("/orchestration/executables/tasks?limit=ten", token).statusCode()).isEqualTo(400);
		assertThat(this.http.get("/orchestration/executables/tasks?offset=-1", token).statusCode()).isEqualTo(400);
	}

	@Test
	void executionWhenStatusPolledThenMovesOneStepPerRequest() {
		String token = this.http.token(CLIENT_ID, CLIENT_SECRET);
		HttpResponse<String> started = this.http.postJson("/processing/executions", token, executionBody());
		assertThat(started.statusCode()).isEqualTo(201);
		String executionId = (String) TalendHttp.json(started.body()).get("executionId");
		assertThat(executionId).isNotBlank();
		Map<String, Object> first = status(executionId, token);
		Map<String, Object> second = status(executionId, token);
		Map<String, Object> third = status(executionId, token);
		Map<String, Object> fourth = status(executionId, token);
		assertThat(first).containsEntry("executionId", executionId)
			.containsEntry("executionStatus", "dispatching")
			.doesNotContainKeys("startTimestamp", "finishTimestamp");
		assertThat(second).containsEntry("executionStatus", "executing")
			.containsKey("startTimestamp")
			.doesNotContainKey("finishTimestamp");
		assertThat(third).containsEntry("executionStatus", "execution_successful")
			.containsKeys("startTimestamp", "finishTimestamp", "numberOfProcessedRows", "numberOfRejectedRows");
		assertThat(fourth).isEqualTo(third);
		assertThat((String) third.get("startTimestamp")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
	}

	@Test
	void executionWhenParametersAndTimeoutGivenThenCreated() {
		String body = "{\"executable\":\"" + this.emulator.taskIds().get(0)
				+ "\",\"logLevel\":\"INFO\",\"parameters\":{\"day\":\"2030-01-01\"},\"timeout\":3600}";
		assertThat(this.http.postJson("/processing/executions", this.http.token(CLIENT_ID, CLIENT_SECRET), body)
			.statusCode()).isEqualTo(201);
	}

	@Test
	void executionWhenTaskUnknownThenNotFound() {
		HttpResponse<String> response = this.http.postJson("/processing/executions",
				this.http.token(CLIENT_ID, CLIENT_SECRET), "{\"executable\":\"no-such-task\",\"logLevel\":\"WARN\"}");
		assertThat(response.statusCode()).isEqualTo(404);
		assertThat(TalendHttp.json(response.body())).containsEntry("status", 404L);
	}

	@Test
	void executionWhenExecutableMissingThenBadRequest() {
		HttpResponse<String> response = this.http.postJson("/processing/executions",
				this.http.token(CLIENT_ID, CLIENT_SECRET), "{\"logLevel\":\"WARN\"}");
		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(TalendHttp.json(response.body())).containsEntry("message", "executable is required");
	}

	@Test
	void executionWhenParametersNotStringsThenBadRequest() {
		String body = "{\"executable\":\"" + this.emulator.taskIds().get(0) + "\",\"parameters\":{\"n\":1}}";
		assertThat(this.http.postJson("/processing/executions", this.http.token(CLIENT_ID, CLIENT_SECRET), body)
			.statusCode()).isEqualTo(400);
	}

	@Test
	void executionWhenAccountLacksExecutePermissionThenForbidden() {
		this.emulator.addAccount(Account.of("viewer", "viewer-secret").withExecute(false));
		String token = this.http.token("viewer", "viewer-secret");
		HttpResponse<String> response = this.http.postJson("/processing/executions", token, executionBody());
		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(response.body()).isEqualTo("{\"status\":403,\"message\":\"Forbidden\"}");
		assertThat(this.http.get("/account/users", token).statusCode()).isEqualTo(200);
		assertThat(this.emulator.rejectedApiCalls()).isZero();
	}

	@Test
	void executionStatusWhenIdUnknownThenNotFound() {
		HttpResponse<String> response = this.http.get("/processing/executions/no-such-execution",
				this.http.token(CLIENT_ID, CLIENT_SECRET));
		assertThat(response.statusCode()).isEqualTo(404);
	}

	@Test
	void executionsWhenResetThenForgotten() {
		String token = this.http.token(CLIENT_ID, CLIENT_SECRET);
		String executionId = (String) TalendHttp
			.json(this.http.postJson("/processing/executions", token, executionBody()).body())
			.get("executionId");
		this.emulator.reset();
		assertThat(this.http.get("/processing/executions/" + executionId, token).statusCode()).isEqualTo(404);
	}

	private Map<String, Object> status(String executionId, String token) {
		HttpResponse<String> response = this.http.get("/processing/executions/" + executionId, token);
		assertThat(response.statusCode()).isEqualTo(200);
		return TalendHttp.json(response.body());
	}

	private String executionBody() {
		return "{\"executable\":\"" + this.emulator.taskIds().get(0) + "\",\"logLevel\":\"WARN\"}";
	}

	private static void assertInvalidToken(HttpResponse<String> response) {
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue(INVALID_TOKEN_CHALLENGE);
		assertThat(response.body()).isEqualTo(UNAUTHORIZED_BODY);
	}

}
