-- One open request per person and node, enforced where concurrent submissions meet: a double-submitted /access
-- inserts one request, not two. Final states free the slot.
CREATE UNIQUE INDEX ux_access_requests_open ON access_requests (requester_email, node_id)
WHERE state IN ('Pending', 'Approved', 'Active');
