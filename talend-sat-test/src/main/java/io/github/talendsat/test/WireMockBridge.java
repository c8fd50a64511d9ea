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

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.extension.ResponseTransformerV2;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.HttpHeaders;
import com.github.tomakehurst.wiremock.http.Request;
import com.github.tomakehurst.wiremock.http.Response;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

/**
 * The WireMock extension that answers every request of the catch-all stub with an answer
 * computed by the {@link Dispatcher}. The whole response is built here, so none of
 * WireMock's own headers reach the client.
 */
final class WireMockBridge implements ResponseTransformerV2 {

	static final String NAME = "talend-cloud-emulator";

	private final Dispatcher dispatcher;

	WireMockBridge(Dispatcher dispatcher) {
		this.dispatcher = dispatcher;
	}

	@Override
	public String getName() {
		return NAME;
	}

	@Override
	public boolean applyGlobally() {
		return false;
	}

	@Override
	public Response transform(Response response, ServeEvent serveEvent) {
		Answer answer = this.dispatcher.dispatch(recorded(serveEvent.getRequest()));
		List<HttpHeader> headers = new ArrayList<>();
		answer.headers().forEach((name, value) -> headers.add(new HttpHeader(name, value)));
		return Response.response()
			.status(answer.status())
			.headers(new HttpHeaders(headers))
			.body(answer.body())
			.build();
	}

	private static RecordedRequest recorded(Request request) {
		Map<String, List<String>> headers = new LinkedHashMap<>();
		for (HttpHeader header : request.getHeaders().all()) {
			headers.computeIfAbsent(header.key(), (name) -> new ArrayList<>()).addAll(header.values());
		}
		byte[] body = request.getBody();
		return new RecordedRequest(request.getMethod().getName(), request.getUrl(), headers,
				(body != null) ? body : new byte[0]);
	}

}
