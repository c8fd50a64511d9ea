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

import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.util.StringUtils;

/**
 * Masks the client secret of every Talend service account in the {@code env} and
 * {@code configprops} endpoints, including when they are set to show values. A key is
 * recognized in every form that binds to it: {@code client-secret} or
 * {@code clientSecret}, of the default account or of one under {@code accounts}, and as
 * an environment variable such as {@code TALEND_SERVICEACCOUNT_CLIENTSECRET}. A value
 * that holds a configured secret is masked whatever its key: with {@code client-secret:
 * ${TALEND_CLIENT_SECRET}} the variable's own entry holds the secret, and
 * {@code SPRING_APPLICATION_JSON} can hold it inside a document.
 *
 * @author talend-sat
 */
final class ClientSecretSanitizingFunction implements SanitizingFunction {

	private static final String PREFIX = "talendserviceaccount";

	private static final String SUFFIX = "clientsecret";

	private final Supplier<Set<String>> secrets;

	/**
	 * Create a function that also masks any value holding one of the given secrets.
	 * @param secrets the configured client secrets, read each time a value is checked
	 */
	ClientSecretSanitizingFunction(Supplier<Set<String>> secrets) {
		this.secrets = secrets;
	}

	@Override
	public SanitizableData apply(SanitizableData data) {
		return (isClientSecret(data.getKey()) || holdsSecret(data.getValue())) ? data.withSanitizedValue() : data;
	}

	private boolean holdsSecret(@Nullable Object value) {
		if (value == null) {
			return false;
		}
		String text = value.toString();
		return this.secrets.get().stream().anyMatch(text::contains);
	}

	/**
	 * Compare keys with their separators and case dropped, so that relaxed binding's
	 * forms all match; anything under the prefix that ends with the suffix is masked,
	 * which errs on the side of hiding.
	 */
	static boolean isClientSecret(String key) {
		String letters = key.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
		return letters.startsWith(PREFIX) && letters.endsWith(SUFFIX);
	}

	/**
	 * Return the client secrets of the default account and of every named account.
	 */
	static Set<String> secretsOf(TalendServiceAccountProperties properties) {
		return Stream
			.concat(Stream.of(properties.getClientSecret()),
					properties.getAccounts().values().stream().map(TalendAccountProperties::getClientSecret))
			.filter(StringUtils::hasText)
			.collect(Collectors.toUnmodifiableSet());
	}

}
