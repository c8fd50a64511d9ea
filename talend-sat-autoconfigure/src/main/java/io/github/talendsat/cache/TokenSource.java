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

import java.util.concurrent.CompletableFuture;

import org.springframework.security.oauth2.core.OAuth2AccessToken;

/**
 * Where a {@link TalendTokenCache} gets a new token from: one call is one token request.
 *
 * @author talend-sat
 * @since 0.1.0
 */
@FunctionalInterface
public interface TokenSource {

	/**
	 * Start one token request. Implementations must not block the calling thread, which
	 * may be an event loop: the request's outcome is delivered through the returned
	 * future.
	 * @return the future token, with its expiry set
	 */
	CompletableFuture<OAuth2AccessToken> requestToken();

}
