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
package io.github.talendsat.sample;

import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.boot.restclient.RestClientCustomizer;
import org.springframework.boot.webclient.WebClientCustomizer;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Counts the calls the application makes with its clients. The Talend clients are built
 * from Spring Boot's client builders, so customizers such as this one apply to them.
 *
 * @author talend-sat
 */
@Component
class ApiCallCounter implements RestClientCustomizer, WebClientCustomizer {

	private final AtomicInteger calls = new AtomicInteger();

	@Override
	public void customize(RestClient.Builder builder) {
		builder.requestInterceptor((request, body, execution) -> {
			this.calls.incrementAndGet();
			return execution.execute(request, body);
		});
	}

	@Override
	public void customize(WebClient.Builder builder) {
		builder.filter((request, next) -> {
			this.calls.incrementAndGet();
			return next.exchange(request);
		});
	}

	int count() {
		return this.calls.get();
	}

}
