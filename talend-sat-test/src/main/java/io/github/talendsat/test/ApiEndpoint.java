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

import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * Every request that is not for the token endpoint: counts it, checks its bearer token
 * the way Talend's gateway does, applies the scripted rejections and failures, and hands
 * the rest to the emulated API. Authentication comes before routing, so an unknown path
 * without a token is answered 401, not 404.
 */
final class ApiEndpoint {

	private static final String SCHEME = "bearer ";

	private final Traffic traffic;

	private final ApiScript script;

	private final Tokens tokens;

	private final TalendApi api;

	ApiEndpoint(Traffic traffic, ApiScript script, Tokens tokens, TalendApi api) {
		this.traffic = traffic;
		this.script = script;
		this.tokens = tokens;
		this.api = api;
	}

	Answer handle(RecordedRequest request) {
		this.traffic.apiCall(request);
		Answer answer = authorizedAnswer(request);
		if (answer.status() == 401) {
			this.traffic.apiCallRejected();
		}
		return answer;
	}

	private Answer authorizedAnswer(RecordedRequest request) {
		String token = bearerToken(request.headerValues("Authorization"));
		if (token == null) {
			return Answer.missingToken();
		}
		this.traffic.tokenSeen(token);
		String clientId = this.tokens.verify(token);
		if (clientId == null) {
			return Answer.invalidToken();
		}
		Answer scripted = this.script.rejections().take();
		if (scripted == null) {
			scripted = this.script.failures().take();
		}
		return (scripted != null) ? scripted : this.api.handle(request, clientId);
	}

	private static @Nullable String bearerToken(List<String> authorization) {
		if (authorization.size() != 1) {
			return null;
		}
		String value = authorization.get(0).trim();
		if (!value.toLowerCase(Locale.ROOT).startsWith(SCHEME)) {
			return null;
		}
		String token = value.substring(SCHEME.length()).trim();
		return token.isEmpty() ? null : token;
	}

}
