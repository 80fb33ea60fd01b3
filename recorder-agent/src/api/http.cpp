#include "api/http.h"

#include <algorithm>
#include <cctype>

namespace vv::agent {

namespace http {

bool equalsIgnoringCase(std::string_view a, std::string_view b)
{
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
           });
}

const std::string *Request::headerPtr(std::string_view name) const
{
    for (const auto &[k, v] : headers)
        if (equalsIgnoringCase(k, name))
            return &v;
    return nullptr;
}

std::string Request::header(std::string_view name) const
{
    const std::string *v = headerPtr(name);
    return v ? *v : std::string();
}

std::size_t Request::headerCount(std::string_view name) const
{
    return static_cast<std::size_t>(std::count_if(headers.begin(), headers.end(),
                                                  [&](const auto &h) { return equalsIgnoringCase(h.first, name); }));
}

bool Request::hasParam(std::string_view name) const
{
    return std::any_of(params.begin(), params.end(), [&](const auto &p) { return p.first == name; });
}

std::string Request::param(std::string_view name) const
{
    for (const auto &[k, v] : params)
        if (k == name)
            return v;
    return {};
}

void Response::setHeader(std::string name, std::string value)
{
    for (auto &[k, v] : headers)
        if (equalsIgnoringCase(k, name)) {
            v = std::move(value);
            return;
        }
    headers.emplace_back(std::move(name), std::move(value));
}

void Response::setContent(std::string content, std::string type)
{
    body = std::move(content);
    contentType = std::move(type);
    stream = nullptr;
    streamLength = 0;
}

void Response::setStream(std::size_t length, std::string type, Stream s)
{
    body.clear();
    contentType = std::move(type);
    streamLength = length;
    stream = std::move(s);
}

} // namespace http

} // namespace vv::agent
