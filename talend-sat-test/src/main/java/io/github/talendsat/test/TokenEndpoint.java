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

import java.util.LinkedHashMap;
import java.util.Map;

import io.github.talendsat.test.TalendCloudEmulator.Account;
import org.jspecify.annotations.Nullable;

/**
 * {@code POST /security/oauth/token}: the client-credentials grant as Talend documents
 * it.
 * <p>
 * Checks run in the order a gateway in front of an application would apply them: scripted
 * behaviour, then the method, then the client credentials (401), then the request format
 * (400), then the account's permission (403). A wrong {@code Content-Type} is answered
 * with 400 rather than 415, in the same error shape as the other format errors.
 */
final class TokenEndpoint {

	static final String PATH = "/security/oauth/token";

	static final String ACCESS_TOKEN_PLACEHOLDER = "${access_token}";

	static final String EXPIRES_IN_PLACEHOLDER = "${expires_in}";

	private final Traffic traffic;

	private final RequestGate gate;

	private final TokenScript script;

	private final Accounts accounts;

	private final Tokens tokens;

	private final Origin origin;

	TokenEndpoint(Traffic traffic, RequestGate gate, TokenScript script, Accounts accounts, Tokens tokens,
			Origin origin) {
		this.traffic = traffic;
		this.gate = gate;
		this.script = script;
		this.accounts = accounts;
		this.tokens = tokens;
		this.origin = origin;
	}

	Answer handle(RecordedRequest request) {
		this.traffic.tokenRequest(request);
		if (!this.gate.awaitRelease() || !this.gate.pause(this.script.delay())) {
			return Answer.stopped();
		}
		Answer failure = this.script.failures().take();
		return (failure != null) ? failure : answer(request);
	}

	private Answer answer(RecordedRequest request) {
		if (!"POST".equals(request.method())) {
			return Answer.methodNotAllowed("POST");
		}
		Account account = this.accounts.authenticate(BasicCredentials.from(request.headerValues("Authorization")));
		if (account == null) {
			return Answer.error(401, "Unauthorized");
		}
		if (!Json.isJsonContentType(request.header("Content-Type"))) {
			return Answer.error(400, "Content-Type must be application/json");
		}
		Map<String, Object> body = Json.parseObject(request.bodyAsString());
		if (body == null) {
			return Answer.error(400, "Request body must be a JSON object");
		}
		String problem = parameterProblem(body);
		if (problem != null) {
			return Answer.error(400, problem);
		}
		if (!account.canManageServiceAccount()) {
			return Answer.error(403, "Forbidden");
		}
		return grant(account, (String) body.get("audience"));
	}

	private @Nullable String parameterProblem(Map<String, Object> body) {
		if (!"client_credentials".equals(body.get("grant_type"))) {
			return "grant_type must be client_credentials";
		}
		if (!this.origin.isAudience(body.get("audience"))) {
			return "audience must be the API base URL " + this.origin.baseUrl();
		}
		return null;
	}

	private Answer grant(Account account, String audience) {
		String replacement = this.script.responseBody();
		if (replacement != null) {
			return Answer.raw(200, "application/json", fillIn(replacement, account, audience));
		}
		Tokens.Issued token = issue(account, audience);
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("access_token", token.value());
		body.put("token_type", "Bearer");
		body.put("expires_in", token.expiresIn());
		// RFC 6749 section 5.1: a token response must not be cached.
		return Answer.json(200, body).withHeader("Cache-Control", "no-store").withHeader("Pragma", "no-cache");
	}

	private String fillIn(String replacement, Account account, String audience) {
		if (!replacement.contains(ACCESS_TOKEN_PLACEHOLDER)) {
			return replacement.replace(EXPIRES_IN_PLACEHOLDER, Long.toString(this.tokens.lifetime().getSeconds()));
		}
		Tokens.Issued token = issue(account, audience);
		return replacement.replace(ACCESS_TOKEN_PLACEHOLDER, token.value())
			.replace(EXPIRES_IN_PLACEHOLDER, Long.toString(token.expiresIn()));
	}

	private Tokens.Issued issue(Account account, String audience) {
		Tokens.Issued token = this.tokens.mint(account.clientId(), audience, this.origin.baseUrl());
		this.traffic.tokenIssued();
		return token;
	}

}
