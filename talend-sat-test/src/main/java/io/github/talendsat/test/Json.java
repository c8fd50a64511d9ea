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

import java.text.ParseException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.nimbusds.jose.util.JSONArrayUtils;
import com.nimbusds.jose.util.JSONObjectUtils;
import org.jspecify.annotations.Nullable;

/**
 * JSON reading and writing through the JSON support that nimbus-jose-jwt already ships,
 * so the emulator needs no JSON library of its own. Its parser is strict: a form, a
 * quoted JSON string or a trailing comma is not an object.
 */
final class Json {

	private static final String MEDIA_TYPE = "application/json";

	private Json() {
	}

	static @Nullable Map<String, Object> parseObject(String text) {
		try {
			return JSONObjectUtils.parse(text);
		}
		catch (ParseException ex) {
			return null;
		}
	}

	static String write(Map<String, ?> object) {
		return JSONObjectUtils.toJSONString(object);
	}

	static String write(List<?> array) {
		return JSONArrayUtils.toJSONString(array);
	}

	/**
	 * Whether a {@code Content-Type} value names JSON; parameters such as {@code charset}
	 * are allowed.
	 */
	static boolean isJsonContentType(@Nullable String contentType) {
		if (contentType == null) {
			return false;
		}
		int parameters = contentType.indexOf(';');
		String mediaType = (parameters < 0) ? contentType : contentType.substring(0, parameters);
		return mediaType.trim().toLowerCase(Locale.ROOT).equals(MEDIA_TYPE);
	}

}
