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
package io.github.talendsat.cache;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.core.OAuth2AccessToken;

/**
 * A {@link TokenSource} that records each request and leaves its outcome to the test:
 * every call hands back a new future that the test completes by hand, or throws when told
 * to.
 *
 * @author talend-sat
 */
final class ScriptedTokenSource implements TokenSource {

	private final List<CompletableFuture<OAuth2AccessToken>> requests = new CopyOnWriteArrayList<>();

	private volatile @Nullable RuntimeException thrown;

	@Override
	public CompletableFuture<OAuth2AccessToken> requestToken() {
		CompletableFuture<OAuth2AccessToken> request = new CompletableFuture<>();
		this.requests.add(request);
		RuntimeException error = this.thrown;
		if (error != null) {
			throw error;
		}
		return request;
	}

	/**
	 * Make every following call throw the given exception instead of returning a future.
	 * @param error the exception, or {@code null} to return futures again
	 */
	void throwOnCall(@Nullable RuntimeException error) {
		this.thrown = error;
	}

	int calls() {
		return this.requests.size();
	}

	CompletableFuture<OAuth2AccessToken> request(int index) {
		return this.requests.get(index);
	}

	CompletableFuture<OAuth2AccessToken> latest() {
		return this.requests.get(this.requests.size() - 1);
	}

}
