#pragma once
// The phones registered on this host, as their REGISTER requests say: which
// device address (Contact host and port) belongs to which address-of-record.
// An answer that names nobody useful still came from a device, and the
// device's registration says which extension it is.
#include "common/netaddress.h"
#include "common/timeformat.h"
#include "sip/sipmessage.h"

#include <string>
#include <unordered_map>

namespace vv::agent {

class Registrations
{
public:
    struct Registered
    {
        std::string number; // normalised AOR user
        std::string host;
    };

    // Reads a REGISTER: adds or (Expires 0) removes its bindings. Returns the AOR, or an empty number.
    Registered onRegister(const SipMessage &msg, PacketTime at);
    // The extension registered from this address (exact port first, then the address alone if only one AOR uses it).
    std::string numberAt(const Endpoint &device) const;
    std::size_t size() const { return m_byEndpoint.size(); }

private:
    std::unordered_map<Endpoint, std::string, EndpointHash> m_byEndpoint;
    std::unordered_map<std::string, std::string> m_byAddress; // address text -> number ("" when several share it)
};

} // namespace vv::agent
