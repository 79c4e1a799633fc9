#include "hss/app/control_channel.hpp"

#include <sys/stat.h>

#include <spdlog/spdlog.h>
#include <boost/asio/local/stream_protocol.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/streambuf.hpp>
#include <boost/asio/write.hpp>

#include <chrono>
#include <future>

#include "hss/lib/hss_errc.hpp"

namespace ims::hss {

namespace asio = boost::asio;
using Local = asio::local::stream_protocol;

namespace {

class Session : public std::enable_shared_from_this<Session> {
  public:
    Session(Local::socket socket, ControlHandler& handler)
        : socket_(std::move(socket)), handler_(handler) {}

    void start() {
        auto self = shared_from_this();
        asio::async_read_until(socket_, buffer_, '\n',
                               [self](boost::system::error_code ec, std::size_t) {
                                   if (ec) return;  // client went away
                                   self->dispatch();
                               });
    }

  private:
    void dispatch() {
        std::istream in(&buffer_);
        std::string line;
        std::getline(in, line);
        auto request = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
        auto self = shared_from_this();
        auto reply = [self](nlohmann::json answer) { self->write(answer.dump() + "\n"); };
        if (request.is_discarded() || !request.is_object()) {
            reply({{"ok", false}, {"error", "request is not a JSON object"}});
            return;
        }
        handler_(request, reply);
    }
    void write(std::string text) {
        auto self = shared_from_this();
        auto data = std::make_shared<std::string>(std::move(text));
        asio::async_write(socket_, asio::buffer(*data),
                          [self, data](boost::system::error_code, std::size_t) {
                              boost::system::error_code ignored;
                              self->socket_.shutdown(Local::socket::shutdown_both, ignored);
                          });
    }

    Local::socket socket_;
    asio::streambuf buffer_;
    ControlHandler& handler_;
};

}  // namespace

struct ControlServer::Impl : std::enable_shared_from_this<ControlServer::Impl> {
    Impl(asio::io_context& io, ControlHandler h) : acceptor(io), handler(std::move(h)) {}
    Local::acceptor acceptor;
    ControlHandler handler;
    std::filesystem::path path;

    void accept() {
        auto self = shared_from_this();
        acceptor.async_accept([self](boost::system::error_code ec, Local::socket socket) {
            if (ec) return;  // stopped
            std::make_shared<Session>(std::move(socket), self->handler)->start();
            self->accept();
        });
    }
};

ControlServer::ControlServer(std::shared_ptr<Impl> impl) : impl_(std::move(impl)) {}

ControlServer::~ControlServer() {
    stop();
}

void ControlServer::stop() {
    if (!impl_) return;
    boost::system::error_code ignored;
    impl_->acceptor.close(ignored);
    std::error_code fs_ignored;
    std::filesystem::remove(impl_->path, fs_ignored);
    impl_.reset();
}

Result<std::unique_ptr<ControlServer>> ControlServer::start(asio::io_context& io,
                                                            const std::filesystem::path& path,
                                                            ControlHandler handler) {
    auto impl = std::make_shared<Impl>(io, std::move(handler));
    impl->path = path;
    std::error_code fs_ec;
    std::filesystem::remove(path, fs_ec);  // a stale socket from a killed daemon
    boost::system::error_code ec;
    impl->acceptor.open(Local(), ec);
    if (!ec) impl->acceptor.bind(Local::endpoint(path.string()), ec);
    if (!ec) ::chmod(path.c_str(), 0600);
    if (!ec) impl->acceptor.listen(16, ec);
    if (ec) {
        spdlog::error("control socket {}: {}", path.string(), ec.message());
        return make_error(hss_errc::control);
    }
    impl->accept();
    return std::unique_ptr<ControlServer>(new ControlServer(impl));
}

Result<nlohmann::json> control_call(const std::filesystem::path& path,
                                    const nlohmann::json& request, int timeout_s) {
    asio::io_context io;
    Local::socket socket(io);
    boost::system::error_code ec;
    socket.connect(Local::endpoint(path.string()), ec);
    if (ec) return make_error(hss_errc::control);
    std::string line = request.dump() + "\n";
    asio::write(socket, asio::buffer(line), ec);
    if (ec) return make_error(hss_errc::control);
    asio::streambuf buffer;
    bool done = false;
    asio::async_read_until(socket, buffer, '\n', [&](boost::system::error_code e, std::size_t) {
        ec = e;
        done = true;
    });
    io.run_for(std::chrono::seconds(timeout_s));
    if (!done || ec) return make_error(hss_errc::control);
    std::istream in(&buffer);
    std::getline(in, line);
    auto answer = nlohmann::json::parse(line, nullptr, false);
    if (answer.is_discarded()) return make_error(hss_errc::control);
    return answer;
}

}  // namespace ims::hss
