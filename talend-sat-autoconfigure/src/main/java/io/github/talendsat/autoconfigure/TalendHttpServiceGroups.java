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
package io.github.talendsat.autoconfigure;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.http.client.autoconfigure.HttpClientProperties;
import org.springframework.boot.http.client.autoconfigure.service.HttpServiceClientProperties;
import org.springframework.util.StringUtils;
import org.springframework.web.service.registry.HttpServiceGroup;
import org.springframework.web.service.registry.HttpServiceGroupConfigurer.Groups;

import io.github.talendsat.account.TalendServiceAccount;

/**
 * Finds the HTTP service groups named after the registration id of a service account,
 * {@code talend} for the default account and {@code talend-<name>} for a named one, and
 * works out the base URL of each group's client: the account's API base URL, unless
 * {@code spring.http.serviceclient.<group>.base-url} sets one on the same API.
 *
 * @author talend-sat
 */
final class TalendHttpServiceGroups {

	private static final String BASE_URL_PROPERTY = "spring.http.serviceclient.%s.base-url";

	private final ObjectProvider<TalendServiceAccount> accounts;

	private final ObjectProvider<HttpServiceClientProperties> properties;

	TalendHttpServiceGroups(ObjectProvider<TalendServiceAccount> accounts,
			ObjectProvider<HttpServiceClientProperties> properties) {
		this.accounts = accounts;
		this.properties = properties;
	}

	/**
	 * Hand the client builder of each group named after an account to the given callback,
	 * with the account and the group's base URL. Other groups are left alone.
	 * @param groups the groups to look through
	 * @param callback what to do with the builder of a Talend group
	 * @param <B> the type of client builder
	 */
	<B> void forEachAccountClient(Groups<B> groups, AccountClientCallback<B> callback) {
		Map<String, TalendServiceAccount> accounts = accountsByGroupName();
		if (accounts.isEmpty()) {
			return;
		}
		HttpServiceClientProperties properties = this.properties.getIfAvailable();
		groups.filter((group) -> accounts.containsKey(group.name())).forEachClient((group, builder) -> {
			TalendServiceAccount account = accounts.get(group.name());
			HttpClientProperties groupProperties = (properties != null) ? properties.get(group.name()) : null;
			callback.configure(builder, account, baseUrl(group, account, groupProperties), groupProperties);
		});
	}

	private Map<String, TalendServiceAccount> accountsByGroupName() {
		Map<String, TalendServiceAccount> accounts = new LinkedHashMap<>();
		// Named accounts are not default candidates: only an unfiltered stream sees them.
		this.accounts.orderedStream(ObjectProvider.UNFILTERED)
			.forEach((account) -> accounts.put(account.getClientRegistration().getRegistrationId(), account));
		return accounts;
	}

	/**
	 * Spring Boot has already applied {@code spring.http.serviceclient.<group>.base-url}
	 * when it is set; keeping it lets an application aim a group at one part of the API.
	 * A URL elsewhere would silently lose the token, which goes only to the account's
	 * API, so it stops the startup instead.
	 */
	private static String baseUrl(HttpServiceGroup group, TalendServiceAccount account,
			@Nullable HttpClientProperties groupProperties) {
		String configured = (groupProperties != null) ? groupProperties.getBaseUrl() : null;
		if (!StringUtils.hasText(configured)) {
			return account.getApiBaseUrl().toString();
		}
		if (!isOnApi(account, configured)) {
			throw new InvalidTalendPropertyException(BASE_URL_PROPERTY.formatted(group.name()), configured,
					"The HTTP service group '" + group.name() + "' carries the token of the Talend service account '"
							+ account.getName() + "', which is sent only to its API at " + account.getApiBaseUrl()
							+ "; use a URL on that API or remove the property to use the account's base URL");
		}
		return configured;
	}

	private static boolean isOnApi(TalendServiceAccount account, String url) {
		try {
			return account.isApiRequest(URI.create(url));
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	/**
	 * Configures the client builder of a group named after an account.
	 *
	 * @param <B> the type of client builder
	 */
	@FunctionalInterface
	interface AccountClientCallback<B> {

		/**
		 * Configure the builder.
		 * @param builder the group's client builder
		 * @param account the account the group is named after
		 * @param baseUrl the base URL the group's client uses
		 * @param groupProperties the group's {@code spring.http.serviceclient.<group>.*}
		 * properties, if any are set
		 */
		void configure(B builder, TalendServiceAccount account, String baseUrl,
				@Nullable HttpClientProperties groupProperties);

	}

}
