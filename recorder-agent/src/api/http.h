#pragma once
// HTTP as the routes see it, independent of the server library that speaks it
// on the wire (api/apiserver.cpp): a parsed request, and a response that is
// either a body in memory or a stream of known length pulled in blocks (audio).
#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace vv::agent {

namespace http {

using Fields = std::vector<std::pair<std::string, std::string>>;

struct Request
{
    std::string method;
    std::string path; // decoded, without the query
    std::string remoteAddress;
    Fields headers;                      // names as received
    Fields params;                       // query, decoded
    std::vector<std::string> pathParams; // the route's {placeholders}, in order
    std::string body;

    const std::string *headerPtr(std::string_view name) const; // first of that name, case-insensitive
    std::string header(std::string_view name) const;
    std::size_t headerCount(std::string_view name) const;
    bool hasHeader(std::string_view name) const { return headerPtr(name) != nullptr; }
    bool hasParam(std::string_view name) const;
    std::string param(std::string_view name) const;
};

class BodySink
{
public:
    virtual ~BodySink() = default;
    virtual bool write(const char *data, std::size_t length) = 0;
};

struct Response
{
    // Writes at most `maxLength` bytes of the body from `offset` into the sink; false aborts the response.
    using Stream = std::function<bool(std::size_t offset, std::size_t maxLength, BodySink &sink)>;

    int status = 200;
    Fields headers;
    std::string contentType;
    std::string body;
    std::size_t streamLength = 0; // with a stream: the exact body length
    Stream stream;

    void setHeader(std::string name, std::string value);
    void setContent(std::string content, std::string type);
    void setStream(std::size_t length, std::string type, Stream s);
};

bool equalsIgnoringCase(std::string_view a, std::string_view b);

} // namespace http

} // namespace vv::agent
