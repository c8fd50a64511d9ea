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
package io.github.talendsat.account;

import java.net.URI;
import java.util.Locale;

import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.util.Assert;

import io.github.talendsat.cache.TalendTokenCache;

/**
 * One Talend Cloud service account: its API base URL, its client registration and the
 * cache that holds its token. Several accounts are several instances. Its
 * {@link #toString()} names the account and its client id, never its secret.
 *
 * @author talend-sat
 * @since 0.1.0
 */
public final class TalendServiceAccount implements AutoCloseable {

	private final String name;

	private final URI apiBaseUrl;

	private final ClientRegistration registration;

	private final TalendTokenCache tokenCache;

	private final AutoCloseable resources;

	/**
	 * Create an account.
	 * @param name the account's name, unique in the application
	 * @param apiBaseUrl the base URL of the Talend API the account's token is for
	 * @param registration the client registration: registration id, client id and token
	 * URI
	 * @param tokenCache the cache that obtains and holds the account's token
	 */
	public TalendServiceAccount(String name, URI apiBaseUrl, ClientRegistration registration,
			TalendTokenCache tokenCache) {
		this(name, apiBaseUrl, registration, tokenCache, () -> {
		});
	}

	/**
	 * Create an account that owns resources to release when it is closed, such as its
	 * token client.
	 * @param name the account's name, unique in the application
	 * @param apiBaseUrl the base URL of the Talend API the account's token is for
	 * @param registration the client registration: registration id, client id and token
	 * URI
	 * @param tokenCache the cache that obtains and holds the account's token
	 * @param resources what {@link #close()} releases
	 */
	public TalendServiceAccount(String name, URI apiBaseUrl, ClientRegistration registration,
			TalendTokenCache tokenCache, AutoCloseable resources) {
		Assert.hasText(name, "name cannot be empty");
		Assert.isTrue(apiBaseUrl != null && apiBaseUrl.isAbsolute() && apiBaseUrl.getHost() != null,
				"apiBaseUrl must be an absolute URL with a host");
		Assert.notNull(registration, "registration cannot be null");
		Assert.notNull(tokenCache, "tokenCache cannot be null");
		Assert.notNull(resources, "resources cannot be null");
		this.name = name;
		this.apiBaseUrl = apiBaseUrl;
		this.registration = registration;
		this.tokenCache = tokenCache;
		this.resources = resources;
	}

	/**
	 * Return the account's name.
	 * @return the name
	 */
	public String getName() {
		return this.name;
	}

	/**
	 * Return the base URL of the Talend API the account's token is for.
	 * @return the API base URL
	 */
	public URI getApiBaseUrl() {
		return this.apiBaseUrl;
	}

	/**
	 * Return the account's client registration: its registration id, client id and token
	 * URI. The accounts that talend-sat configures leave the secret out of it, since
	 * Spring Security's {@code ClientRegistration.toString()} prints it and only the
	 * token request needs it.
	 * @return the registration
	 */
	public ClientRegistration getClientRegistration() {
		return this.registration;
	}

	/**
	 * Return the cache that obtains and holds the account's token.
	 * @return the token cache
	 */
	public TalendTokenCache getTokenCache() {
		return this.tokenCache;
	}

	/**
	 * Return whether a request to the given URI goes to this account's API, the only
	 * place its token may be sent: same scheme, host and port as the API base URL.
	 * @param uri the request URI
	 * @return whether the token may be attached
	 */
	public boolean isApiRequest(URI uri) {
		if (uri == null || !uri.isAbsolute() || uri.getHost() == null) {
			return false;
		}
		return this.apiBaseUrl.getScheme().equalsIgnoreCase(uri.getScheme())
				&& this.apiBaseUrl.getHost().equalsIgnoreCase(uri.getHost()) && port(this.apiBaseUrl) == port(uri);
	}

	private static int port(URI uri) {
		if (uri.getPort() != -1) {
			return uri.getPort();
		}
		return "https".equals(uri.getScheme().toLowerCase(Locale.ROOT)) ? 443 : 80;
	}

	/**
	 * Release the resources the account owns, such as the threads of its token client.
	 * @throws Exception if they could not be released
	 */
	@Override
	public void close() throws Exception {
		this.resources.close();
	}

	@Override
	public String toString() {
		return "TalendServiceAccount[name=" + this.name + ", apiBaseUrl=" + this.apiBaseUrl + ", clientId="
				+ this.registration.getClientId() + "]";
	}

}
