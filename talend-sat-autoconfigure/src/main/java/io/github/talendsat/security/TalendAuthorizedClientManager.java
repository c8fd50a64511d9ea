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
package io.github.talendsat.security;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.client.OAuth2AuthorizationFailureHandler;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.util.Assert;
import org.springframework.util.function.SingletonSupplier;

import io.github.talendsat.account.TalendServiceAccount;

/**
 * An {@link OAuth2AuthorizedClientManager} for Talend service accounts. A request for an
 * account's registration id is served from that account's token cache, so it needs no
 * servlet request and no principal beyond the one in the request, and concurrent callers
 * share one token request. Any other registration id goes to the fallback manager, if one
 * is given, so that an application's own OAuth2 client registrations keep working beside
 * Talend's.
 * <p>
 * Code that sends the token itself, such as Spring Security's
 * {@code OAuth2ClientHttpRequestInterceptor}, reports an API's 401 back through
 * {@link #authorizationFailureHandler()}, so that the rejected token is renewed.
 *
 * @author talend-sat
 * @since 0.1.0
 */
public final class TalendAuthorizedClientManager implements OAuth2AuthorizedClientManager {

	private final Map<String, TalendServiceAccount> accounts = new LinkedHashMap<>();

	private final Supplier<@Nullable OAuth2AuthorizedClientManager> fallback;

	/**
	 * Create a manager for the given accounts with no fallback.
	 * @param accounts the accounts, by their registration ids
	 */
	public TalendAuthorizedClientManager(List<TalendServiceAccount> accounts) {
		this(accounts, () -> null);
	}

	/**
	 * Create a manager for the given accounts.
	 * @param accounts the accounts, by their registration ids
	 * @param fallback supplies the manager for every other registration id, or
	 * {@code null} if there is none; it is asked once, on the first such request
	 */
	public TalendAuthorizedClientManager(List<TalendServiceAccount> accounts,
			Supplier<@Nullable OAuth2AuthorizedClientManager> fallback) {
		Assert.notEmpty(accounts, "accounts cannot be empty");
		Assert.notNull(fallback, "fallback cannot be null");
		accounts.forEach((account) -> this.accounts.put(account.getClientRegistration().getRegistrationId(), account));
		this.fallback = SingletonSupplier.of(fallback);
	}

	@Override
	public @Nullable OAuth2AuthorizedClient authorize(OAuth2AuthorizeRequest authorizeRequest) {
		Assert.notNull(authorizeRequest, "authorizeRequest cannot be null");
		TalendServiceAccount account = this.accounts.get(authorizeRequest.getClientRegistrationId());
		if (account == null) {
			OAuth2AuthorizedClientManager other = this.fallback.get();
			Assert.state(other != null, () -> "Could not find a Talend service account with registration id '"
					+ authorizeRequest.getClientRegistrationId() + "'");
			return other.authorize(authorizeRequest);
		}
		OAuth2AccessToken token = account.getTokenCache().getToken();
		return new OAuth2AuthorizedClient(account.getClientRegistration(), authorizeRequest.getPrincipal().getName(),
				token);
	}

	/**
	 * Return a handler that drops an account's token when the API rejected it as invalid
	 * ({@code invalid_token}, what Spring Security reports for a 401), so that the next
	 * authorization gets a fresh one. Failures of other registrations and other errors
	 * are ignored; chain the handler with the application's own for those.
	 * @return the failure handler
	 */
	public OAuth2AuthorizationFailureHandler authorizationFailureHandler() {
		return (exception, principal, attributes) -> RejectedTokens.drop(this.accounts, exception);
	}

}
