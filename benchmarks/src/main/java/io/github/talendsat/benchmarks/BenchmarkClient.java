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
package io.github.talendsat.benchmarks;

import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.web.client.RestClient;

import io.github.talendsat.cache.TalendTokenCache;

/**
 * One implementation's {@link RestClient}, ready to call the emulated API, and what the
 * scenarios need to look inside it.
 *
 * @author talend-sat
 */
final class BenchmarkClient implements AutoCloseable {

	static final String API_PATH = "/account/users";

	private final Implementation implementation;

	private final RestClient restClient;

	private final Supplier<@Nullable String> usableToken;

	private final @Nullable TalendTokenCache tokenCache;

	private final AutoCloseable resources;

	BenchmarkClient(Implementation implementation, RestClient restClient, Supplier<@Nullable String> usableToken,
			@Nullable TalendTokenCache tokenCache, AutoCloseable resources) {
		this.implementation = implementation;
		this.restClient = restClient;
		this.usableToken = usableToken;
		this.tokenCache = tokenCache;
		this.resources = resources;
	}

	Implementation implementation() {
		return this.implementation;
	}

	/**
	 * Make one API call; any exception, an error status included, means it failed.
	 */
	void call() {
		this.restClient.get().uri(API_PATH).retrieve().toBodilessEntity();
	}

	/**
	 * Return the token the client would send now without asking the token endpoint first,
	 * judged as the client itself judges it.
	 * @return the token, or {@code null} if the next call would have to wait for a token
	 * request
	 */
	@Nullable String usableToken() {
		return this.usableToken.get();
	}

	/**
	 * Return talend-sat's token cache, for its statistics.
	 * @return the cache, or {@code null} for the other implementations
	 */
	@Nullable TalendTokenCache tokenCache() {
		return this.tokenCache;
	}

	/**
	 * Release the token client's threads.
	 */
	@Override
	public void close() {
		try {
			this.resources.close();
		}
		catch (Exception ex) {
			throw new IllegalStateException("Could not release the " + this.implementation.label() + " client", ex);
		}
	}

}
