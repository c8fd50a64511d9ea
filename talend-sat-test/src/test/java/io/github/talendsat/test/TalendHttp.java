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

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import com.nimbusds.jose.util.JSONObjectUtils;

/**
 * A plain HTTP client for the tests, so that each test states exactly what goes on the
 * wire.
 */
final class TalendHttp {

	private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	private final TalendCloudEmulator emulator;

	TalendHttp(TalendCloudEmulator emulator) {
		this.emulator = emulator;
	}

	static String basic(String clientId, String clientSecret) {
		byte[] pair = (clientId + ":" + clientSecret).getBytes(StandardCharsets.UTF_8);
		return "Basic " + Base64.getEncoder().encodeToString(pair);
	}

	String tokenBody() {
		return "{\"audience\":\"" + this.emulator.baseUrl() + "\",\"grant_type\":\"client_credentials\"}";
	}

	HttpRequest.Builder tokenRequest(String authorization, String contentType, String body) {
		return HttpRequest.newBuilder(URI.create(this.emulator.tokenUri()))
			.header("Authorization", authorization)
			.header("Content-Type", contentType)
			.POST(BodyPublishers.ofString(body));
	}

	HttpResponse<String> requestToken(String clientId, String clientSecret) {
		return send(tokenRequest(basic(clientId, clientSecret), "application/json", tokenBody()).build());
	}

	String token(String clientId, String clientSecret) {
		HttpResponse<String> response = requestToken(clientId, clientSecret);
		if (response.statusCode() != 200) {
			throw new IllegalStateException("Token request answered " + response.statusCode());
		}
		return (String) json(response.body()).get("access_token");
	}

	HttpRequest.Builder apiRequest(String pathAndQuery) {
		return HttpRequest.newBuilder(URI.create(this.emulator.baseUrl() + pathAndQuery));
	}

	HttpResponse<String> get(String pathAndQuery, String token) {
		return send(apiRequest(pathAndQuery).header("Authorization", "Bearer " + token).GET().build());
	}

	HttpResponse<String> postJson(String path, String token, String body) {
		return send(apiRequest(path).header("Authorization", "Bearer " + token)
			.header("Content-Type", "application/json")
			.POST(BodyPublishers.ofString(body))
			.build());
	}

	HttpResponse<String> send(HttpRequest request) {
		try {
			return this.client.send(request, BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	CompletableFuture<HttpResponse<String>> sendAsync(HttpRequest request) {
		return this.client.sendAsync(request, BodyHandlers.ofString());
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> object(Object value) {
		return (Map<String, Object>) value;
	}

	@SuppressWarnings("unchecked")
	static List<Object> array(Object value) {
		return (List<Object>) value;
	}

	static Map<String, Object> json(String text) {
		try {
			return JSONObjectUtils.parse(text);
		}
		catch (ParseException ex) {
			throw new IllegalArgumentException("Not a JSON object: " + text, ex);
		}
	}

}
